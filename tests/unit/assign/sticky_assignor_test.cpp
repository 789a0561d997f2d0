// Ports of Kafka's AbstractStickyAssignorTest run as StickyAssignorTest (eager, userData only).
#include <doctest/doctest.h>

#include "abstract_sticky_cases.h"

using namespace ksim;
using namespace ksim::assign;
using namespace ksim::assign::test;

// Kafka: StickyAssignorTest (AbstractStickyAssignorTest cases, see abstract_sticky_cases.h)
TEST_CASE("sticky: AbstractStickyAssignorTest cases") { run_all_abstract_sticky_cases(false); }
