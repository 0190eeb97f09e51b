// The HTTP server as a browser, an operator and a hostile client see it.
#include "support/gunzip.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/test_config.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include <catch2/catch.hpp>
#include <csignal>
#include <set>

using namespace veche::test;
namespace asio = boost::asio;

namespace {

void check_security_headers(const http_reply& r) {
    CHECK_THAT(r.header("content-security-policy"), Catch::Contains("default-src 'self'"));
    CHECK_THAT(r.header("content-security-policy"), Catch::Contains("object-src 'none'"));
    CHECK(r.header("x-content-type-options") == "nosniff");
    CHECK(r.header("referrer-policy") == "no-referrer");
}

const std::string brotli_bytes = "\x8b\x09\x80"
                                 "brotli";

// A server on the demo config with its own web root, a short request timeout and small limits.
struct static_site {
    temp_dir dir;
    std::unique_ptr<server_process> server;

    static_site() {
        dir.write("web/index.html", "<!doctype html><title>Форум</title>");
        dir.write("web/moderator.html", "<!doctype html><title>Модератор</title>");
        dir.write("web/assets/index-3f2a9c.js", "console.log('veche')");
        dir.write("web/assets/index-3f2a9c.css", "body{}");
        dir.write("web/assets/logo-3f2a9c.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        dir.write("web/sw.js", "self.addEventListener('fetch', () => {})");
        // Compressed copies as the web client's build writes them (any bytes do: the server only picks).
        dir.write("web/assets/app-1.js", "console.log('veche')");
        dir.write("web/assets/app-1.js.br", brotli_bytes);
        dir.write("web/assets/app-1.js.gz", "gzip-bytes");
        dir.write("secret.txt", "outside the web root");
        auto cfg = demo_config();
        cfg["http"] = {{"web_root", (dir / "web").string()},
                       {"request_timeout_ms", 700},
                       {"header_bytes", 4096},
                       {"body_bytes", 2048}};
        cfg["auth"]["allowed_origins"] = {"https://forum.example.ru"};
        server = std::make_unique<server_process>(
            std::vector<std::string>{"--config", write_config(dir, cfg), "--data", (dir / "data").string()});
    }
};

}  // namespace

TEST_CASE("the demo forum serves its event and exits cleanly on SIGTERM") {
    temp_dir dir;
    server_process server({"--data", (dir / "data").string()});

    auto health = http_get(server.port(), "/healthz");
    CHECK(health.status == 200);
    CHECK(health.json() == nlohmann::json{{"status", "ok"}});
    check_security_headers(health);

    auto event = http_get(server.port(), "/api/v1/event");
    REQUIRE(event.status == 200);
    CHECK_THAT(event.header("content-type"), Catch::StartsWith("application/json"));
    check_security_headers(event);
    const auto ev = event.json();
    CHECK(ev["title"] == "Малая родина — сила России");
    CHECK(ev["halls"].size() >= 3);
    CHECK(ev["sessions"].size() >= 5);
    for (const auto& hall : ev["halls"]) {
        CHECK(hall["stream"]["hls"] == "/hls/" + hall["id"].get<std::string>() + "/master.m3u8");
        CHECK(hall["stream"]["status"].is_string());
    }
    bool has_panel = false;
    for (const auto& s : ev["sessions"]) {
        has_panel = has_panel || s["title"] == "Сила в людях";
        for (const char* key : {"id", "hall", "title", "kind", "starts_at", "ends_at", "speakers", "state",
                                "qa_open", "moderation"})
            CHECK(s.contains(key));
    }
    CHECK(has_panel);

    const auto id = ev["sessions"][1]["id"].get<std::string>();
    auto session = http_get(server.port(), "/api/v1/sessions/" + id);
    CHECK(session.status == 200);
    CHECK(session.json() == ev["sessions"][1]);

    auto missing = http_get(server.port(), "/api/v1/sessions/nope");
    CHECK(missing.status == 404);
    CHECK(missing.json()["error"] == "not_found");
    auto unknown = http_get(server.port(), "/api/v1/whatever");
    CHECK(unknown.status == 404);
    CHECK(unknown.json()["error"] == "not_found");
    check_security_headers(unknown);
    auto wrong_method = http_request(server.port(), boost::beast::http::verb::delete_, "/api/v1/event");
    CHECK(wrong_method.status == 405);
    CHECK_THAT(wrong_method.header("allow"), Catch::Contains("GET"));

    std::chrono::milliseconds took{};
    const auto result = server.stop(SIGTERM, &took);
    CHECK(result.exit_code == 0);
    CHECK(took < std::chrono::seconds(5));
}

TEST_CASE("the web client's files are served with types and caching") {
    static_site site;
    const auto port = site.server->port();

    auto index = http_get(port, "/");
    CHECK(index.status == 200);
    CHECK(index.header("content-type") == "text/html; charset=utf-8");
    CHECK(index.header("cache-control") == "no-cache");
    CHECK_THAT(index.body, Catch::Contains("Форум"));
    check_security_headers(index);

    auto page = http_get(port, "/moderator");
    CHECK(page.status == 200);
    CHECK_THAT(page.body, Catch::Contains("Модератор"));

    auto js = http_get(port, "/assets/index-3f2a9c.js");
    CHECK(js.status == 200);
    CHECK(js.header("content-type") == "text/javascript; charset=utf-8");
    CHECK(js.header("cache-control") == "public, max-age=31536000, immutable");
    CHECK(http_get(port, "/assets/index-3f2a9c.css").header("content-type") == "text/css; charset=utf-8");
    // A hashed script or style is never a document: it leaves out what only a document reads, and keeps the rest.
    for (const auto& sub : {js, http_get(port, "/assets/index-3f2a9c.css"),
                            http_request(port, boost::beast::http::verb::head, "/assets/index-3f2a9c.js")}) {
        CHECK(sub.header("content-security-policy").empty());
        CHECK(sub.header("x-frame-options").empty());
        CHECK(sub.header("x-content-type-options") == "nosniff");
        CHECK(sub.header("referrer-policy") == "no-referrer");
    }
    // An SVG can be opened as a document, the service worker runs as a worker: both keep every policy.
    check_security_headers(http_get(port, "/assets/logo-3f2a9c.svg"));
    const auto worker = http_get(port, "/sw.js");
    CHECK(worker.status == 200);
    check_security_headers(worker);
    CHECK(worker.header("x-frame-options") == "DENY");

    auto again = http_get(port, "/", {{"If-None-Match", index.header("etag")}});
    CHECK(again.status == 304);

    auto head = http_request(port, boost::beast::http::verb::head, "/assets/index-3f2a9c.js");
    CHECK(head.status == 200);
    CHECK(head.header("content-length") == std::to_string(std::string("console.log('veche')").size()));

    CHECK(http_get(port, "/nothing-here.js").status == 404);
    // Every other hostile path is in path_traversal_test.cpp.
    CHECK(http_get(port, "/../secret.txt").status == 400);
    CHECK(http_get(port, "/%2e%2e/secret.txt").status == 400);
    CHECK(http_get(port, "/assets/../../secret.txt").status == 400);
    check_security_headers(http_get(port, "/nothing-here.js"));
}

TEST_CASE("the web client's files answer byte ranges and conditional requests") {
    static_site site;
    const auto port = site.server->port();
    const std::string js = "console.log('veche')";
    const auto whole = http_get(port, "/assets/index-3f2a9c.js");
    const auto etag = whole.header("etag");
    CHECK(whole.header("accept-ranges") == "bytes");

    auto part = http_get(port, "/assets/index-3f2a9c.js", {{"Range", "bytes=0-6"}});
    CHECK(part.status == 206);
    CHECK(part.body == "console");
    CHECK(part.header("content-range") == "bytes 0-6/" + std::to_string(js.size()));
    CHECK(http_get(port, "/assets/index-3f2a9c.js", {{"Range", "bytes=-7"}}).body == "veche')");
    CHECK(http_get(port, "/assets/index-3f2a9c.js", {{"Range", "bytes=8-"}}).body == "log('veche')");
    // Several ranges, or a range of another version of the file: the whole file.
    CHECK(http_get(port, "/assets/index-3f2a9c.js", {{"Range", "bytes=0-1,4-5"}}).body == js);
    auto other = http_get(port, "/assets/index-3f2a9c.js", {{"Range", "bytes=0-6"}, {"If-Range", "\"other\""}});
    CHECK(other.status == 200);
    CHECK(other.body == js);
    CHECK(http_get(port, "/assets/index-3f2a9c.js", {{"Range", "bytes=0-6"}, {"If-Range", etag}}).status == 206);
    auto past = http_get(port, "/assets/index-3f2a9c.js", {{"Range", "bytes=100-"}});
    CHECK(past.status == 416);
    CHECK(past.header("content-range") == "bytes */" + std::to_string(js.size()));
    auto head = http_request(port, boost::beast::http::verb::head, "/assets/index-3f2a9c.js", {{"Range", "bytes=0-6"}});
    CHECK(head.status == 206);
    CHECK(head.header("content-length") == "7");

    // If-None-Match compares weakly and takes a list.
    CHECK(http_get(port, "/assets/index-3f2a9c.js", {{"If-None-Match", "W/" + etag}}).status == 304);
    CHECK(http_get(port, "/assets/index-3f2a9c.js", {{"If-None-Match", "\"a\", " + etag}}).status == 304);
    CHECK(http_get(port, "/assets/index-3f2a9c.js", {{"If-None-Match", "*"}}).status == 304);
    CHECK(http_get(port, "/assets/index-3f2a9c.js", {{"If-None-Match", "\"a\""}}).status == 200);

    // A file replaced after start is not what was indexed: it is not served, and the log says why.
    std::filesystem::remove(site.dir / "web/assets/index-3f2a9c.css");
    std::filesystem::create_symlink(site.dir / "secret.txt", site.dir / "web/assets/index-3f2a9c.css");
    auto swapped = http_get(port, "/assets/index-3f2a9c.css");
    CHECK(swapped.status == 404);
    CHECK_THAT(swapped.body, !Catch::Contains("outside the web root"));
    CHECK(site.server->wait_for_output("not served: assets/index-3f2a9c.css", std::chrono::seconds(2)));
}

TEST_CASE("each client gets the coding it asks for: br, gzip or the file itself") {
    static_site site;
    const auto p = site.server->port();
    const std::string js = "console.log('veche')";
    const auto& br = brotli_bytes;

    const auto plain = http_get(p, "/assets/app-1.js");
    CHECK(plain.body == js);
    CHECK(plain.header("content-encoding").empty());
    CHECK(plain.header("vary") == "Accept-Encoding");
    const auto b = http_get(p, "/assets/app-1.js", {{"Accept-Encoding", "gzip, deflate, br"}});
    CHECK(b.body == br);
    CHECK(b.header("content-encoding") == "br");
    CHECK(b.header("content-type") == "text/javascript; charset=utf-8");
    CHECK(b.header("vary") == "Accept-Encoding");
    const auto g = http_get(p, "/assets/app-1.js", {{"Accept-Encoding", "gzip"}});
    CHECK(g.body == "gzip-bytes");
    CHECK(g.header("content-encoding") == "gzip");
    CHECK(http_get(p, "/assets/app-1.js", {{"Accept-Encoding", "br;q=0, gzip;q=0"}}).body == js);
    CHECK(http_get(p, "/assets/app-1.js", {{"Accept-Encoding", "br;q=0.4, gzip;q=0.8"}}).body == "gzip-bytes");
    // Each coding has its own ETag, so a cached copy is only ever revalidated as the same coding.
    const std::set<std::string> tags{plain.header("etag"), b.header("etag"), g.header("etag")};
    CHECK(tags.size() == 3);
    CHECK(http_get(p, "/assets/app-1.js", {{"Accept-Encoding", "br"}, {"If-None-Match", b.header("etag")}}).status == 304);
    CHECK(http_get(p, "/assets/app-1.js", {{"Accept-Encoding", "gzip"}, {"If-None-Match", b.header("etag")}}).status == 200);
    const auto part = http_get(p, "/assets/app-1.js", {{"Accept-Encoding", "gzip"}, {"Range", "bytes=0-3"}});
    CHECK(part.status == 206);
    CHECK(part.body == "gzip");
    CHECK(part.header("content-encoding") == "gzip");
    // A file without copies is sent as it is, to everyone.
    CHECK(http_get(p, "/assets/index-3f2a9c.css", {{"Accept-Encoding", "br"}}).header("content-encoding").empty());

    // JSON answers over a kilobyte are gzipped for those who take it.
    const auto event = http_get(p, "/api/v1/event");
    REQUIRE(event.body.size() > 1024);
    CHECK(event.header("content-encoding").empty());
    const auto zipped = http_get(p, "/api/v1/event", {{"Accept-Encoding", "br, gzip"}});
    CHECK(zipped.header("content-encoding") == "gzip");
    CHECK(zipped.header("vary") == "Accept-Encoding");
    CHECK(zipped.body.size() < event.body.size());
    CHECK(gunzip(zipped.body) == event.body);
    CHECK(http_get(p, "/healthz", {{"Accept-Encoding", "gzip"}}).header("content-encoding").empty());
}

TEST_CASE("request limits and timeouts protect the server") {
    static_site site;
    const auto port = site.server->port();

    auto big_header = http_get(port, "/", {{"X-Filler", std::string(8000, 'a')}});
    CHECK(big_header.status == 431);

    auto big_body = http_post(port, "/api/v1/join", std::string(4000, 'x'));
    CHECK(big_body.status == 413);

    auto foreign = http_post(port, "/api/v1/join", "{}", {{"Origin", "https://evil.example"}});
    CHECK(foreign.status == 403);

    // A client that opens a connection and never finishes its request is cut off.
    asio::io_context ioc;
    asio::ip::tcp::socket socket(ioc);
    socket.connect({asio::ip::make_address("127.0.0.1"), port});
    asio::write(socket, asio::buffer(std::string("GET / HTTP/1.1\r\nHost: x\r\n")));
    const auto start = std::chrono::steady_clock::now();
    char byte;
    boost::system::error_code ec;
    asio::read(socket, asio::buffer(&byte, 1), ec);
    CHECK(ec);  // closed by the server, not answered
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));

    // The server still serves everyone else.
    CHECK(http_get(port, "/healthz").status == 200);
}
