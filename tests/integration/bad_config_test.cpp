// A config with a mistake stops the program before it listens, with one line
// naming the file, the key and the fault, and exit code 2.
#include "support/server_process.hpp"
#include "support/test_config.hpp"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace veche::test;

namespace {

void check_refused(const process_result& r, const std::string& file, const std::string& key_and_fault) {
    INFO("stdout: " << r.out << "\nstderr: " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.find("listening on") == std::string::npos);
    // Exactly one line, naming the file, the key and the fault.
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK_THAT(r.err, Catch::StartsWith("veche: " + file + ": "));
    CHECK_THAT(r.err, Catch::Contains(key_and_fault));
}

process_result serve_with(const temp_dir& dir, const nlohmann::json& cfg) {
    const auto path = write_config(dir, cfg);
    return run_veche({"serve", "--config", path, "--listen", "127.0.0.1:0", "--data", (dir / "data").string()});
}

}  // namespace

TEST_CASE("an unreadable config file") {
    temp_dir dir;
    const auto missing = (dir / "missing.json").string();
    check_refused(run_veche({"serve", "--config", missing}), missing, "cannot read: No such file or directory");
    const auto directory = dir.path().string();
    check_refused(run_veche({"serve", "--config", directory}), directory, "cannot read");
}

TEST_CASE("a config that is not valid JSON") {
    temp_dir dir;
    const auto path = dir.write("broken.json", "{\n  \"listen\": \"127.0.0.1:0\",\n  \"event\": {\n}").string();
    check_refused(run_veche({"serve", "--config", path}), path, "invalid JSON at line 4");
}

TEST_CASE("a session in an unknown hall") {
    temp_dir dir;
    auto cfg = demo_config();
    cfg["event"]["sessions"][1]["hall"] = "attic";
    check_refused(serve_with(dir, cfg), (dir / "veche.json").string(),
                  "event.sessions[1].hall: unknown hall \"attic\"");
}

TEST_CASE("duplicate ids") {
    temp_dir dir;
    auto cfg = demo_config();
    cfg["event"]["halls"][2]["id"] = cfg["event"]["halls"][0]["id"];
    check_refused(serve_with(dir, cfg), (dir / "veche.json").string(), "event.halls[2].id: duplicate hall id \"main\"");

    cfg = demo_config();
    cfg["event"]["sessions"][3]["id"] = "opening";
    check_refused(serve_with(dir, cfg), (dir / "veche.json").string(),
                  "event.sessions[3].id: duplicate session id \"opening\"");
}

TEST_CASE("a bad source URI") {
    temp_dir dir;
    auto cfg = demo_config();
    cfg["event"]["halls"][1]["source"] = "srt://:70000";
    check_refused(serve_with(dir, cfg), (dir / "veche.json").string(),
                  "event.halls[1].source: bad source URI \"srt://:70000\": bad port");
}

TEST_CASE("a bad trusted proxy or public address") {
    temp_dir dir;
    auto cfg = demo_config();
    cfg["http"] = {{"trusted_proxies", {"127.0.0.1", "10.0.0.0/33"}}};
    check_refused(serve_with(dir, cfg), (dir / "veche.json").string(),
                  "http.trusted_proxies[1]: \"10.0.0.0/33\" is not an IP address or CIDR range such as 10.0.0.0/8");

    cfg = demo_config();
    cfg["http"] = {{"public_url", "https://forum.example.ru/join?x=1"}};
    check_refused(serve_with(dir, cfg), (dir / "veche.json").string(),
                  "http.public_url: \"https://forum.example.ru/join?x=1\" is not an address such as "
                  "https://forum.example.ru (no path)");
}

TEST_CASE("a bad video ladder or encoder") {
    temp_dir dir;
    auto cfg = demo_config();
    cfg["event"]["halls"][0]["ladder"][1]["height"] = 241;
    check_refused(serve_with(dir, cfg), (dir / "veche.json").string(),
                  "event.halls[0].ladder[1].height: must be an even number of lines, not 241");
    cfg = demo_config();
    cfg["event"]["halls"][2]["ladder"][1]["name"] = "360p";
    check_refused(serve_with(dir, cfg), (dir / "veche.json").string(),
                  "event.halls[2].ladder[1].name: duplicate rung name \"360p\"");
    cfg = demo_config();
    cfg["media"] = {{"encoder", "x265enc"}};
    check_refused(serve_with(dir, cfg), (dir / "veche.json").string(), "media.encoder: must be \"x264enc\"");
}

TEST_CASE("a missing secret") {
    temp_dir dir;
    auto cfg = demo_config();
    cfg["auth"].erase("secret");
    check_refused(serve_with(dir, cfg), (dir / "veche.json").string(), "auth.secret: missing");
}

TEST_CASE("command-line mistakes also exit with code 2") {
    auto r = run_veche({"serve", "--listen", "nowhere"});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("--listen: \"nowhere\" is not HOST:PORT"));
    r = run_veche({"serve", "--confgi", "x.json"});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("unknown option \"--confgi\""));
    r = run_veche({"launch"});
    CHECK(r.exit_code == 2);
}
