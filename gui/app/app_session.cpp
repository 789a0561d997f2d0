// App session helpers: which RunSource to build, and where a saved session goes.
#include "gui/app/app_session.h"

#include <filesystem>

#include "gui/app/scenario_source.h"
#include "gui/model/fixture.h"

namespace ksim::gui {

Result<SourceFactory> make_factory(const std::string& scenario, const std::string& fixture,
                                   std::optional<uint64_t> seed) {
  if (!scenario.empty())
    return scenario_factory(ScenarioSourceOptions{.path = scenario, .seed = seed});
  if (fixture != "tweets")
    return Status(ErrorCode::INVALID_REQUEST, "unknown fixture '" + fixture + "' (try tweets)");
  FixtureOptions o;
  if (seed) o.seed = *seed;
  return tweets_fixture_factory(o);
}

ParamFactory make_param_factory(const std::string& scenario, std::optional<uint64_t> seed) {
  if (scenario.empty()) return {};
  return [scenario, seed](const std::map<std::string, std::string>& params) {
    return scenario_factory(ScenarioSourceOptions{.path = scenario, .seed = seed,
                                                  .params = params});
  };
}

std::string session_file_name(const Session& session) {
  std::string path = session.source().card().path;
  std::string stem = std::filesystem::path(path).stem().string();
  if (stem.empty() || path.rfind("fixture:", 0) == 0) stem = "fixture";
  return stem + "-session.lua";
}

}  // namespace ksim::gui
