#include "net/byte_range.hpp"

#include <catch2/catch.hpp>

#include <optional>
#include <utility>

using namespace veche::net;

namespace {

std::optional<std::pair<std::uint64_t, std::uint64_t>> range(std::string_view header, std::uint64_t size) {
    const auto r = parse_byte_range(header, size);
    if (const auto* b = std::get_if<byte_range>(&r)) return std::pair{b->first, b->length};
    return std::nullopt;
}

bool whole(std::string_view header, std::uint64_t size) {
    return std::holds_alternative<whole_file>(parse_byte_range(header, size));
}
bool unsatisfiable(std::string_view header, std::uint64_t size) {
    return std::holds_alternative<unsatisfiable_range>(parse_byte_range(header, size));
}

}  // namespace

TEST_CASE("one byte range is read from a Range header") {
    CHECK(range("bytes=0-99", 1000) == std::pair<std::uint64_t, std::uint64_t>{0, 100});
    CHECK(range("bytes=100-", 1000) == std::pair<std::uint64_t, std::uint64_t>{100, 900});
    CHECK(range("bytes=900-5000", 1000) == std::pair<std::uint64_t, std::uint64_t>{900, 100});
    CHECK(range("bytes=-10", 1000) == std::pair<std::uint64_t, std::uint64_t>{990, 10});
    CHECK(range("bytes=-5000", 1000) == std::pair<std::uint64_t, std::uint64_t>{0, 1000});
    CHECK(range("bytes=5-5", 1000) == std::pair<std::uint64_t, std::uint64_t>{5, 1});
}

TEST_CASE("ranges the server does not serve as ranges get the whole file or 416") {
    CHECK(whole("", 1000));
    CHECK(whole("items=0-1", 1000));
    CHECK(whole("bytes=0-1,5-6", 1000));
    CHECK(whole("bytes=5-1", 1000));
    CHECK(whole("bytes=a-b", 1000));
    CHECK(whole("bytes=-", 1000));
    CHECK(whole("bytes=1-2-3", 1000));
    CHECK(whole("bytes= 5-6", 1000));
    CHECK(whole("bytes=99999999999999999999999-", 1000));
    CHECK(unsatisfiable("bytes=1000-", 1000));
    CHECK(unsatisfiable("bytes=-0", 1000));
    CHECK(unsatisfiable("bytes=0-", 0));
}
