// Ports of Kafka's AbstractStickyAssignorTest run as CooperativeStickyAssignorTest, where
// verifyValidityAndBalance follows up with rounds until nothing is withheld.
#include <doctest/doctest.h>

#include "abstract_sticky_cases.h"

using namespace ksim;
using namespace ksim::assign;
using namespace ksim::assign::test;

// Kafka: CooperativeStickyAssignorTest (AbstractStickyAssignorTest cases)
TEST_CASE("cooperative-sticky: AbstractStickyAssignorTest cases") {
  run_all_abstract_sticky_cases(true);
}
