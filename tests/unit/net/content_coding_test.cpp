#include "net/content_coding.hpp"

#include "support/gunzip.hpp"
#include "net/gzip_body.hpp"

#include <catch2/catch.hpp>

using namespace veche::net;

TEST_CASE("the coding sent is the client's most wanted one the server has") {
    const auto pick = [](std::string_view header) { return choose_coding(header, true, true); };
    CHECK(pick("") == content_coding::identity);
    CHECK(pick("gzip, deflate, br") == content_coding::br);
    CHECK(pick("gzip, deflate") == content_coding::gzip);
    CHECK(pick("br;q=0.5, gzip") == content_coding::gzip);
    CHECK(pick("br;q=0.5, gzip;q=0.5") == content_coding::br);
    CHECK(pick("BR, GZIP") == content_coding::br);
    CHECK(pick("x-gzip") == content_coding::gzip);
    CHECK(pick("*") == content_coding::br);
    CHECK(pick("*;q=0, gzip") == content_coding::gzip);
    CHECK(pick("br;q=0, gzip;q=0") == content_coding::identity);
    CHECK(pick("identity") == content_coding::identity);
    CHECK(pick("identity;q=1, gzip;q=0.9") == content_coding::identity);
    CHECK(pick("gzip;q=0.001") == content_coding::gzip);
    CHECK(pick("deflate, compress") == content_coding::identity);
    // A malformed q makes its element count for nothing.
    CHECK(pick("br;q=2, gzip") == content_coding::gzip);
    CHECK(pick("br;q=abc") == content_coding::identity);
    CHECK(pick("br;q=0.0001") == content_coding::identity);
    CHECK(pick(" br ; q=1.000 ") == content_coding::br);
    // Only what the server has.
    CHECK(choose_coding("br", false, true) == content_coding::identity);
    CHECK(choose_coding("br, gzip", false, true) == content_coding::gzip);
    CHECK(choose_coding("gzip", true, false) == content_coding::identity);
}

TEST_CASE("gzip bodies decompress to what was compressed") {
    std::string text;
    for (int i = 0; i < 2000; ++i) text += "{\"вопрос\":" + std::to_string(i) + "},";
    const auto packed = gzip_compress(text);
    CHECK(packed.size() < text.size() / 4);
    CHECK(veche::test::gunzip(packed) == text);
    CHECK(veche::test::gunzip(gzip_compress("")) == std::string{});
}
