// Whatever the request path, the server sends no byte of a file outside its
// web root (docs/reliability.md, "Security"). Each path goes over a plain
// socket exactly as written, so no client library normalises it first.
#include "raw_http.hpp"
#include "support/server_process.hpp"
#include "support/test_config.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace veche::test;
namespace fs = std::filesystem;

namespace {

constexpr const char* web_canary = "CANARY-next-to-the-web-root-5e1d";
constexpr const char* data_canary = "CANARY-in-the-data-directory-9b7c";
constexpr const char* config_secret = "CANARY-secret-in-the-config-2f8a";
constexpr const char* env_secret = "CANARY-secret-in-the-environment-c4a0";

// The paths an attacker tries, each family on every kind of route (dir, data and config are absolute).
std::vector<std::string> hostile_paths(const std::string& dir, const std::string& data, const std::string& config) {
    std::vector<std::string> paths{
        // absolute paths behind empty segments
        "//etc/passwd", "///etc/passwd", "//proc/self/environ", "//proc/self/cmdline", "/" + config, config,
        "/" + data + "/veche.db", data + "/veche.db", "/" + data + "/canary.txt", "/" + dir + "/canary.txt",
        dir + "/canary.txt", "/assets//etc/passwd", "/assets/" + dir + "/canary.txt", "//moderator",
        "/hls//etc/passwd", "/hls/main/" + dir + "/canary.txt", "/api//etc/passwd",
        // dot segments, plain and encoded, in every case
        "/../canary.txt", "/../../../../../../etc/passwd", "/assets/../../canary.txt", "/./index.html",
        "/%2e%2e/canary.txt", "/%2E%2E/%2E%2E/%2e%2E/etc/passwd", "/.%2e/canary.txt", "/%2e./canary.txt",
        "/assets/%2e%2e/%2e%2e/canary.txt", "/moderator/../../canary.txt", "/hls/main/../../../canary.txt",
        "/api/v1/../../canary.txt", "/hls/%2e%2e/index.m3u8", "/api/v1/sessions/%2e%2e/transcript.vtt",
        // decoded once only: a double-encoded dot is a name, not a dot
        "/%252e%252e/canary.txt", "/%252e%252e%252fcanary.txt", "/assets/%25%32%65%25%32%65/canary.txt",
        // encoded slashes and backslashes
        "/..%2fcanary.txt", "/%2f%2fetc%2fpasswd", "/%2Fetc%2Fpasswd", "/assets%2f..%2f..%2fcanary.txt",
        "/moderator%2f..%2f..%2fcanary.txt", "/hls/main/..%2f..%2fcanary.txt", "/hls/..%2f..%2fetc/passwd",
        "/api/v1/sessions/..%2f..%2f..%2fetc%2fpasswd/questions.csv", "/..%5ccanary.txt", "/%5c%5cetc%5cpasswd",
        "/assets%5c..%5c..%5ccanary.txt", "/assets\\..\\..\\canary.txt", "/hls/main/%5c..%5ccanary.txt",
        // NUL and other control characters
        "/index.html%00.js", "/canary.txt%00", "/%00/etc/passwd", "/hls/main/index.m3u8%00", "/a%0d%0aX: y",
        "/api/v1/sessions/x%0d%0aSet-Cookie:%20a=b/questions.csv",
        // overlong and invalid UTF-8 spellings of '.', '/' and '\'
        "/%c0%ae%c0%ae/canary.txt", "/%c0%af..%c0%afcanary.txt", "/..%c0%af..%c0%afetc%c0%afpasswd",
        "/%e0%80%ae%e0%80%ae/canary.txt", "/%c1%9c..%c1%9ccanary.txt", "/%f0%80%80%ae%f0%80%80%ae/canary.txt",
        "/%ff%fe/canary.txt", "/%80", "/%c0", "/hls/main/%c0%ae%c0%ae%c0%afcanary.txt",
        // look-alike dots and slashes that are just names
        "/%e2%80%a5/canary.txt", "/%ef%bc%8e%ef%bc%8e/canary.txt", "/%e2%88%95etc%e2%88%95passwd",
        // the symbolic link inside the web root that leads to the canary
        "/canary-link.txt", "/assets/canary-link.txt", "/canary-link", "/data-link/canary.txt",
        // other spellings: absolute-form, Windows, trailing dots, long chains
        "http://127.0.0.1/etc/passwd", "file:///etc/passwd", "/C:/Windows/win.ini", "/..;/canary.txt",
        "/canary.txt::$DATA", "/index.html.", "/index.html/", "/assets/", "/veche.db", "/data/veche.db",
        "/.env", "/.git/config",
        // replays: a segment name is only a key into the recording's index, never part of a path
        "/vod//etc/passwd", "/vod/opening/" + dir + "/canary.txt", "/vod/opening/../../canary.txt",
        "/vod/%2e%2e/index.m3u8", "/vod/opening/%2e%2e/%2e%2e/canary.txt", "/vod/opening/..%2f..%2fcanary.txt",
        "/vod/opening/main/top/20260101/1-1.ts", "/vod/opening/top/20260101/1-1.ts", "/vod/opening/1-1.ts",
        "/vod/opening/20260101/1-1.ts", "/vod/opening/index.tsv", "/vod/opening/top%2f20260101%2f1-1.ts",
        "/vod/opening/1-1.ts%00", "/vod/opening/%c0%ae%c0%ae%c0%afcanary.txt", "/vod/opening/..%5c..%5ccanary.txt",
        "/vod/../data/recordings/main/top/20260101/1-1.ts", "/vod/opening/" + data + "/veche.db",
        "/vod/opening/index.m3u8%00", "/vod/opening/master.m3u8/..", "/vod/no-such-session/index.m3u8",
    };
    std::string deep = "/";
    for (int i = 0; i < 64; ++i) deep += "../";
    paths.push_back(deep + "etc/passwd");
    std::string deep_encoded = "/";
    for (int i = 0; i < 64; ++i) deep_encoded += "%2e%2e%2f";
    paths.push_back(deep_encoded + "etc%2fpasswd");
    return paths;
}

}  // namespace

TEST_CASE("no request path reads a file outside the web root") {
    temp_dir dir;
    dir.write("web/index.html", "<!doctype html><title>Форум</title>");
    dir.write("web/moderator.html", "<!doctype html><title>Модератор</title>");
    dir.write("web/assets/app-3f2a.js", "console.log('veche')");
    dir.write("web/.env", web_canary);
    dir.write("canary.txt", web_canary);
    dir.write("data/canary.txt", data_canary);
    // A recording's files under the data directory: only a replay's index may lead to them.
    dir.write("data/recordings/main/top/20260101/1-1.ts", data_canary);
    dir.write("data/recordings/main/top/20260101/index.tsv", data_canary);
    fs::create_symlink(dir / "canary.txt", dir / "web/canary-link.txt");
    fs::create_symlink("../../canary.txt", dir / "web/assets/canary-link.txt");
    fs::create_directory_symlink(dir / "data", dir / "web/data-link");

    auto cfg = demo_config();
    for (auto& hall : cfg["event"]["halls"]) hall["source"] = "none";
    cfg["http"]["web_root"] = (dir / "web").string();
    cfg["auth"]["secret"] = config_secret;
    const auto config = write_config(dir, cfg);
    server_process server({"--config", config, "--data", (dir / "data").string()},
                          {std::string("VECHE_SECRET=") + env_secret});
    const auto port = server.port();

    // The index skipped both links, one line each.
    CHECK(server.wait_for_output("skipping canary-link.txt", std::chrono::seconds(2)));
    CHECK(server.wait_for_output("skipping assets/canary-link.txt", std::chrono::seconds(2)));

    // The site itself is there, so a refusal below is not a server that serves nothing.
    CHECK(raw_http(port, raw_get("/")).status() == 200);
    CHECK(raw_http(port, raw_get("/moderator")).status() == 200);
    CHECK(raw_http(port, raw_get("/assets/app-3f2a.js")).status() == 200);

    const auto paths = hostile_paths(dir.path().string(), (dir / "data").string(), config);
    REQUIRE(paths.size() >= 60);
    for (const auto& path : paths) {
        for (const auto* method : {"GET", "HEAD"}) {
            INFO(method << " " << path);
            const auto reply = raw_http(port, raw_get(path, method));
            const auto status = reply.status();
            CHECK((status == 400 || status == 404));
            for (const auto* secret : {web_canary, data_canary, config_secret, env_secret, "root:x:0:0",
                                       "SQLite format 3", "[core]"})
                CHECK(reply.bytes.find(secret) == std::string::npos);
            // Error answers never carry the request path back.
            if (path.size() > 12) CHECK(reply.bytes.find(path.substr(1)) == std::string::npos);
        }
    }
    // Still serving.
    CHECK(raw_http(port, raw_get("/")).status() == 200);
}
