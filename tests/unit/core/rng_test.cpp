// Named seeded streams: reproducible, independent of each other, formatted as Kafka does.
#include <doctest/doctest.h>

#include <set>

#include "ksim/core/rng.h"

using namespace ksim;

TEST_CASE("rng: the same seed and name give the same draws") {
  Rng a = Rng::derive(42, "broker-0"), b = Rng::derive(42, "broker-0");
  for (int i = 0; i < 100; i++) CHECK(a.next() == b.next());
}

TEST_CASE("rng: a different seed or name gives different draws") {
  CHECK(Rng::derive(42, "broker-0").next() != Rng::derive(43, "broker-0").next());
  CHECK(Rng::derive(42, "broker-0").next() != Rng::derive(42, "broker-1").next());
}

TEST_CASE("rng: streams are independent: drawing from one does not move another") {
  Rng untouched = Rng::derive(7, "consumer:c1");
  uint64_t first = untouched.next();
  Rng other = Rng::derive(7, "consumer:c2");
  for (int i = 0; i < 1000; i++) other.next();
  CHECK(Rng::derive(7, "consumer:c1").next() == first);
}

TEST_CASE("rng: below and between stay in range and cover it") {
  Rng r(1);
  std::set<int64_t> seen;
  for (int i = 0; i < 2000; i++) {
    int64_t v = r.between(-3, 3);
    CHECK(v >= -3);
    CHECK(v <= 3);
    seen.insert(v);
  }
  CHECK(seen.size() == 7);
  for (int i = 0; i < 1000; i++) CHECK(r.below(10) < 10);
  double u = r.uniform01();
  CHECK(u >= 0.0);
  CHECK(u < 1.0);
}

TEST_CASE("rng: uuid is a version-4 UUID in Java's toString form") {
  Rng r(9);
  std::string u = r.uuid();
  REQUIRE(u.size() == 36);
  CHECK(u[8] == '-');
  CHECK(u[13] == '-');
  CHECK(u[14] == '4');
  CHECK((u[19] == '8' || u[19] == '9' || u[19] == 'a' || u[19] == 'b'));
  CHECK(r.kafka_uuid_base64().size() == 22);
}
