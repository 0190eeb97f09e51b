#include "net/hls_routes.hpp"

#include <boost/beast/http.hpp>
#include <catch2/catch.hpp>

#include <map>

using namespace veche::net;

namespace {

// Hall "main" has a rung "240p" beside its top.
class fake_source : public hls_source {
public:
    bytes master(std::string_view hall) const override {
        return hall == "main" ? std::make_shared<const std::string>("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\n") : nullptr;
    }
    bytes playlist(std::string_view hall, std::string_view rung) const override {
        if (hall != "main" || (!rung.empty() && rung != "240p")) return nullptr;
        return std::make_shared<const std::string>("#EXTM3U\n" + std::string(rung));
    }
    bytes segment(std::string_view hall, std::string_view rung, std::string_view name) const override {
        ++lookups;
        if (hall != "main" || name != "17-3.ts" || (!rung.empty() && rung != "240p")) return nullptr;
        return std::make_shared<const std::string>(rung.empty() ? "TSDATA" : "TS240");
    }
    mutable int lookups = 0;
};

struct reply {
    int status = 0;
    std::map<std::string, std::string> headers;
    std::string body;
    std::string header(http::field f) const { return header(std::string(http::to_string(f))); }
    std::string header(const std::string& name) const {
        const auto it = headers.find(name);
        return it == headers.end() ? std::string{} : it->second;
    }
};

// Serializes the response the route produced and parses it back, as a client would see it.
reply call(const router& r, http::verb method, const std::string& target, const std::string& origin = {}) {
    request_context ctx;
    ctx.req.method(method);
    ctx.req.target(target);
    ctx.req.version(11);
    if (!origin.empty()) ctx.req.set(http::field::origin, origin);
    std::string wire;
    r.dispatch(ctx, [&](http::message_generator gen) {
        beast::error_code ec;
        while (!gen.is_done()) {
            const auto buffers = gen.prepare(ec);
            REQUIRE(!ec);
            std::size_t n = 0;
            for (const auto& b : buffers) {
                wire.append(static_cast<const char*>(b.data()), b.size());
                n += b.size();
            }
            gen.consume(n);
        }
    });
    http::response_parser<http::string_body> parser;
    parser.skip(method == http::verb::head);
    beast::error_code ec;
    std::size_t used = 0;
    while (!parser.is_done() && used < wire.size()) {
        used += parser.put(asio::buffer(wire.data() + used, wire.size() - used), ec);
        if (ec == http::error::need_more) ec = {};
        REQUIRE(!ec);
    }
    if (!parser.is_done()) parser.put_eof(ec);
    REQUIRE(!ec);
    const auto& res = parser.get();
    reply out;
    out.status = static_cast<int>(res.result_int());
    for (const auto& f : res) out.headers[std::string(f.name_string())] = std::string(f.value());
    out.body = res.body();
    return out;
}

struct fixture {
    fake_source source;
    origin_policy origins{{"https://forum.example.ru", "self"}};
    veche::metrics_registry registry;
    hls_request_metrics metrics{registry, {"main"}};
    hls_routes routes{source, origins, metrics};
    router r;
    fixture() { routes.install(r); }
};

}  // namespace

TEST_CASE("playlists and segments are served with their types and cache rules") {
    fixture f;
    const auto playlist = call(f.r, http::verb::get, "/hls/main/index.m3u8");
    CHECK(playlist.status == 200);
    CHECK(playlist.body == "#EXTM3U\n");
    CHECK(playlist.header(http::field::content_type) == "application/vnd.apple.mpegurl");
    CHECK(playlist.header(http::field::cache_control) == "public, max-age=1");
    CHECK(playlist.header(http::field::access_control_allow_origin).empty());

    const auto segment = call(f.r, http::verb::get, "/hls/main/17-3.ts");
    CHECK(segment.status == 200);
    CHECK(segment.body == "TSDATA");
    CHECK(segment.header(http::field::content_type) == "video/mp2t");
    CHECK(segment.header(http::field::cache_control) == "public, max-age=31536000, immutable");
    CHECK(segment.header(http::field::content_length) == "6");
    CHECK(segment.header("X-Content-Type-Options") == "nosniff");

    const auto head = call(f.r, http::verb::head, "/hls/main/17-3.ts");
    CHECK(head.status == 200);
    CHECK(head.body.empty());
    CHECK(head.header(http::field::content_length) == "6");
}

TEST_CASE("the multivariant playlist and each rung's playlist and segments are served like the top's") {
    fixture f;
    const auto master = call(f.r, http::verb::get, "/hls/main/master.m3u8");
    CHECK(master.status == 200);
    CHECK(master.body == "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\n");
    CHECK(master.header(http::field::content_type) == "application/vnd.apple.mpegurl");
    CHECK(master.header(http::field::cache_control) == "public, max-age=1");

    const auto rung = call(f.r, http::verb::get, "/hls/main/240p/index.m3u8");
    CHECK(rung.status == 200);
    CHECK(rung.body == "#EXTM3U\n240p");
    CHECK(rung.header(http::field::cache_control) == "public, max-age=1");
    const auto segment = call(f.r, http::verb::get, "/hls/main/240p/17-3.ts");
    CHECK(segment.status == 200);
    CHECK(segment.body == "TS240");
    CHECK(segment.header(http::field::content_type) == "video/mp2t");
    CHECK(segment.header(http::field::cache_control) == "public, max-age=31536000, immutable");

    CHECK(call(f.r, http::verb::get, "/hls/main/720p/index.m3u8").status == 404);
    CHECK(call(f.r, http::verb::get, "/hls/main/240p/17-2.ts").status == 404);
    CHECK(call(f.r, http::verb::get, "/hls/atrium/master.m3u8").status == 404);
    // The multivariant playlist is the hall's only; nothing else is looked up under a rung.
    CHECK(call(f.r, http::verb::get, "/hls/main/240p/master.m3u8").status == 404);
    const auto before = f.source.lookups;
    for (const auto* path : {"/hls/main/240p/17-3.ts.ts", "/hls/main/240p/17-3.mp4", "/hls/main/240p/x/17-3.ts"})
        CHECK(call(f.r, http::verb::get, path).status == 404);
    CHECK(f.source.lookups == before);
    auto preflight = call(f.r, http::verb::options, "/hls/main/240p/17-3.ts", "https://forum.example.ru");
    CHECK(preflight.status == 204);
    CHECK(preflight.header(http::field::access_control_allow_origin) == "https://forum.example.ru");
}

TEST_CASE("unknown halls, gone segments and malformed names are 404, the last never looked up") {
    fixture f;
    CHECK(call(f.r, http::verb::get, "/hls/atrium/index.m3u8").status == 404);
    CHECK(call(f.r, http::verb::get, "/hls/main/17-2.ts").status == 404);
    CHECK(f.source.lookups == 1);
    for (const auto* name : {"index.m3u", "17-3.mp4", "17.ts", "-3.ts", "17-.ts", "a7-3.ts", "17-3.ts.ts", "..ts", "17-3.ts%20",
                             "123456789012345678901-1.ts"}) {
        INFO(name);
        CHECK(call(f.r, http::verb::get, std::string("/hls/main/") + name).status == 404);
    }
    CHECK(f.source.lookups == 1);
    CHECK(call(f.r, http::verb::post, "/hls/main/index.m3u8").status == 405);
}

TEST_CASE("CORS answers only the configured origins") {
    fixture f;
    auto listed = call(f.r, http::verb::get, "/hls/main/index.m3u8", "https://forum.example.ru");
    CHECK(listed.header(http::field::access_control_allow_origin) == "https://forum.example.ru");
    CHECK(listed.header(http::field::vary) == "Origin");
    auto other = call(f.r, http::verb::get, "/hls/main/17-3.ts", "https://evil.example.com");
    CHECK(other.status == 200);
    CHECK(other.header(http::field::access_control_allow_origin).empty());

    auto preflight = call(f.r, http::verb::options, "/hls/main/17-3.ts", "https://forum.example.ru");
    CHECK(preflight.status == 204);
    CHECK(preflight.header(http::field::access_control_allow_origin) == "https://forum.example.ru");
    CHECK(preflight.header(http::field::access_control_allow_methods) == "GET, HEAD");
    auto refused = call(f.r, http::verb::options, "/hls/main/17-3.ts", "https://evil.example.com");
    CHECK(refused.header(http::field::access_control_allow_origin).empty());
}

TEST_CASE("the origin counts what it served per hall: playlists, segments and bytes") {
    fixture f;
    call(f.r, http::verb::get, "/hls/main/index.m3u8");
    call(f.r, http::verb::get, "/hls/main/17-3.ts");
    call(f.r, http::verb::get, "/hls/main/17-3.ts");
    call(f.r, http::verb::head, "/hls/main/17-3.ts");
    call(f.r, http::verb::get, "/hls/main/17-2.ts");     // gone: not served, not counted
    call(f.r, http::verb::get, "/hls/atrium/index.m3u8");  // no such hall: no series for it
    const auto text = f.registry.render();
    CHECK_THAT(text, Catch::Contains("veche_hls_requests_total{hall=\"main\",kind=\"playlist\"} 1\n"));
    CHECK_THAT(text, Catch::Contains("veche_hls_requests_total{hall=\"main\",kind=\"segment\"} 3\n"));
    CHECK_THAT(text, Catch::Contains("veche_hls_bytes_out_total{hall=\"main\"} 20\n"));
    CHECK(text.find("atrium") == std::string::npos);
}

TEST_CASE("segment names are two numbers joined by a dash") {
    CHECK(hls_routes::is_segment_name("1795823419-12.ts"));
    CHECK_FALSE(hls_routes::is_segment_name("1795823419_12.ts"));
    CHECK_FALSE(hls_routes::is_segment_name("12.ts"));
    CHECK_FALSE(hls_routes::is_segment_name("1-2-3.ts"));
    CHECK_FALSE(hls_routes::is_segment_name(""));
}
