#include "net/url_decoding.hpp"

#include <catch2/catch.hpp>

using namespace veche::net;

TEST_CASE("paths are percent-decoded, malformed ones refused") {
    CHECK(decode_path("/api/v1/sessions/s%201") == "/api/v1/sessions/s 1");
    CHECK(decode_path("/%D0%B7%D0%B0%D0%BB") == "/зал");
    CHECK_FALSE(decode_path("/a%2Fb"));
    CHECK_FALSE(decode_path("/a%00b"));
    CHECK_FALSE(decode_path("/a%zz"));
    CHECK_FALSE(decode_path("/a%2"));
    CHECK_FALSE(decode_path("/a%"));
}

TEST_CASE("query parameters are found and decoded") {
    CHECK(query_param("session=s1&x=2", "session") == "s1");
    CHECK(query_param("a=1&session=%D0%B7+1", "session") == "з 1");
    CHECK(query_param("flag&b=1", "flag") == "");
    CHECK_FALSE(query_param("a=1", "session"));
    CHECK_FALSE(query_param("", "session"));
}
