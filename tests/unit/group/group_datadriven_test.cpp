// Datadriven transcripts of the classic group coordinator: every tests/data/group/*.txt file
// runs against a fresh GroupHarness. Rewrite with KSIM_REWRITE=1 (or --rewrite) and review.
#include <doctest/doctest.h>

#include "tests/support/datadriven.h"
#include "tests/unit/group/group_harness.h"

namespace ksim::group {

TEST_CASE("group coordinator transcripts (tests/data/group/*.txt)") {
  std::vector<std::string> files = test::list_files(KSIM_GROUP_TESTDATA_DIR);
  REQUIRE_FALSE(files.empty());
  for (const std::string& path : files) {
    SUBCASE(path.c_str()) {
      testing::GroupHarness harness;
      std::vector<test::Mismatch> mismatches =
          test::run_file(path, [&](const test::TestData& d) { return harness.run(d); });
      for (const test::Mismatch& m : mismatches) {
        INFO(m.pos << ": " << m.directive << "\n--- expected\n" << m.expected
                   << "--- actual\n" << m.actual);
        CHECK(m.expected == m.actual);
      }
    }
  }
}

}  // namespace ksim::group
