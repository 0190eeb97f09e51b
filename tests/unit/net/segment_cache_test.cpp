#include "net/file_index.hpp"
#include "net/file_response.hpp"
#include "net/segment_cache.hpp"

#include "support/temp_dir.hpp"

#include <boost/beast/core/buffers_to_string.hpp>
#include <catch2/catch.hpp>

#include <filesystem>

using namespace veche;
using namespace veche::net;
using veche::test::temp_dir;

namespace {

// A response as the bytes that go on the wire.
std::string wire(http::message_generator gen) {
    std::string out;
    boost::beast::error_code ec;
    while (!gen.is_done()) {
        const auto buffers = gen.prepare(ec);
        REQUIRE_FALSE(ec);
        out += boost::beast::buffers_to_string(buffers);
        gen.consume(boost::asio::buffer_size(buffers));
    }
    return out;
}

http_request get(const std::map<std::string, std::string>& headers = {}, http::verb verb = http::verb::get) {
    http_request req{verb, "/vod/s1/1-1.ts", 11};
    for (const auto& [name, value] : headers) req.set(name, value);
    return req;
}

file_headers segment_headers() {
    file_headers h;
    h.cache_control = "public, max-age=31536000, immutable";
    h.mime_type = "video/mp2t";
    return h;
}

}  // namespace

TEST_CASE("replay segments: read once through the index, then served from memory, least recent dropped") {
    temp_dir dir;
    metrics_registry metrics;
    segment_cache cache(2400, metrics);  // keeps files of up to an eighth of that: 300 bytes
    const auto entry = [&](const std::filesystem::path& p) { return *file_index::entry(dir.path(), p); };

    const auto a = dir.write("a.ts", std::string(300, 'a'));
    CHECK_FALSE(cache.find(a.string()));
    const auto read = cache.load(a.string(), entry(a));
    REQUIRE(read);
    CHECK(*read->bytes() == std::string(300, 'a'));
    CHECK(read->etag() == entry(a).etag());
    CHECK(cache.find(a.string())->bytes() == read->bytes());  // the same buffer, not a copy

    const auto big = dir.write("big.ts", std::string(301, 'b'));
    CHECK_FALSE(cache.load(big.string(), entry(big)));  // served from disk instead
    CHECK_FALSE(cache.find(big.string()));
    const auto gone = dir.write("gone.ts", std::string(10, 'g'));
    const auto stale = entry(gone);
    std::filesystem::remove(gone);
    CHECK_FALSE(cache.load(gone.string(), stale));  // no longer the file indexed: not read
    segment_cache off(0, metrics);
    CHECK_FALSE(off.load(a.string(), entry(a)));

    // Eight of 300 bytes fill it; a ninth pushes out the one served longest ago.
    std::vector<std::filesystem::path> files{a};
    for (int i = 1; i < 9; ++i) files.push_back(dir.write(std::to_string(i) + ".ts", std::string(300, 'z')));
    for (std::size_t i = 1; i < 8; ++i) REQUIRE(cache.load(files[i].string(), entry(files[i])));
    CHECK(cache.find(files[0].string()));  // served again: now the most recent, 1 the least
    REQUIRE(cache.load(files[8].string(), entry(files[8])));
    CHECK(cache.find(files[0].string()));
    CHECK_FALSE(cache.find(files[1].string()));
    CHECK(cache.find(files[2].string()));
    const auto text = metrics.render();
    CHECK(text.find("veche_vod_cache_bytes 2400") != std::string::npos);
    CHECK(text.find("veche_vod_cache_hits_total 4") != std::string::npos);
}

TEST_CASE("a segment from memory answers like one from disk: 200, byte ranges, 416, 304 and HEAD") {
    temp_dir dir;
    std::string bytes;
    for (int i = 0; i < 1000; ++i) bytes += static_cast<char>('0' + i % 10);
    const auto path = dir.write("rec/1-1.ts", bytes);
    const auto indexed = *file_index::entry(dir / "rec", path);
    const auto kept = *read_indexed(indexed);
    const auto headers = segment_headers();

    for (const auto& [request, wanted] : std::vector<std::pair<http_request, std::string>>{
             {get(), "HTTP/1.1 200 OK"},
             {get({{"Range", "bytes=10-19"}}), "HTTP/1.1 206 Partial Content"},
             {get({{"Range", "bytes=5000-"}}), "HTTP/1.1 416 Range Not Satisfiable"},
             {get({{"If-None-Match", indexed.etag()}}), "HTTP/1.1 304 Not Modified"},
             {get({}, http::verb::head), "HTTP/1.1 200 OK"},
         }) {
        const auto from_memory = wire(file_response(request, kept, headers));
        const auto from_disk = wire(file_response(request, indexed, headers));
        CHECK(from_memory.rfind(wanted, 0) == 0);
        CHECK(from_memory == from_disk);
    }
    const auto part = wire(file_response(get({{"Range", "bytes=10-19"}}), kept, headers));
    CHECK(part.find("Content-Range: bytes 10-19/1000") != std::string::npos);
    CHECK(part.substr(part.size() - 10) == "0123456789");
}
