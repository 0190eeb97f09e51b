// The HTTP server as a browser, an operator and a hostile client see it.
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/test_config.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include <catch2/catch.hpp>
#include <csignal>

using namespace veche::test;
namespace asio = boost::asio;

namespace {

void check_security_headers(const http_reply& r) {
    CHECK_THAT(r.header("content-security-policy"), Catch::Contains("default-src 'self'"));
    CHECK_THAT(r.header("content-security-policy"), Catch::Contains("object-src 'none'"));
    CHECK(r.header("x-content-type-options") == "nosniff");
    CHECK(r.header("referrer-policy") == "no-referrer");
}

// A server on the demo config with its own web root, a short request timeout and small limits.
struct static_site {
    temp_dir dir;
    std::unique_ptr<server_process> server;

    static_site() {
        dir.write("web/index.html", "<!doctype html><title>Форум</title>");
        dir.write("web/moderator.html", "<!doctype html><title>Модератор</title>");
        dir.write("web/assets/index-3f2a9c.js", "console.log('veche')");
        dir.write("web/assets/index-3f2a9c.css", "body{}");
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
        CHECK(hall["stream"]["hls"] == "/hls/" + hall["id"].get<std::string>() + "/index.m3u8");
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

    auto again = http_get(port, "/", {{"If-None-Match", index.header("etag")}});
    CHECK(again.status == 304);

    auto head = http_request(port, boost::beast::http::verb::head, "/assets/index-3f2a9c.js");
    CHECK(head.status == 200);
    CHECK(head.header("content-length") == std::to_string(std::string("console.log('veche')").size()));

    CHECK(http_get(port, "/nothing-here.js").status == 404);
    CHECK(http_get(port, "/../secret.txt").status == 404);
    CHECK(http_get(port, "/%2e%2e/secret.txt").status == 404);
    CHECK(http_get(port, "/assets/../../secret.txt").status == 404);
    check_security_headers(http_get(port, "/nothing-here.js"));
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
