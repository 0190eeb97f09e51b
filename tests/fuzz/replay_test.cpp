// Replays every seed of the fuzz corpus and every input a fuzzer has ever
// crashed on (tests/fuzz/regressions/TARGET/) through the fuzzers' checks, in
// the ordinary build: each crash found stays fixed. The seeds are also held
// to what their names say: valid messages and configs load, bad-* ones are
// refused.
#include "fuzz/fuzz_checks.hpp"

#include "config/config_error.hpp"
#include "config/settings_loader.hpp"
#include "core/client_message.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using namespace veche;

namespace {

const fs::path fuzz_dir = fs::path(VECHE_SOURCE_DIR) / "tests" / "fuzz";

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Every file of the target's seed corpus and regressions, by name.
std::vector<fs::path> inputs_of(const std::string& target) {
    std::vector<fs::path> files;
    for (const auto* kind : {"corpus", "regressions"}) {
        const auto dir = fuzz_dir / kind / target;
        if (!fs::is_directory(dir)) continue;
        for (const auto& e : fs::directory_iterator(dir))
            if (e.is_regular_file()) files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

bool named_bad(const fs::path& p) { return p.filename().string().rfind("bad-", 0) == 0; }

void replay(const std::string& target, fuzz::problem (*check)(std::string_view)) {
    const auto files = inputs_of(target);
    REQUIRE_FALSE(files.empty());
    for (const auto& f : files) {
        INFO(f.string());
        const auto p = check(read_file(f));
        CHECK(p.value_or("") == "");
    }
}

}  // namespace

TEST_CASE("fuzz inputs: the WebSocket message decoder") { replay("client_message", fuzz::check_client_message); }
TEST_CASE("fuzz inputs: the config loader") { replay("settings", fuzz::check_settings); }
TEST_CASE("fuzz inputs: request targets and static files") { replay("static_path", fuzz::check_static_path); }
TEST_CASE("fuzz inputs: text hygiene") { replay("text_hygiene", fuzz::check_text_hygiene); }
TEST_CASE("fuzz inputs: tokens") { replay("token", fuzz::check_token); }

TEST_CASE("the message seeds are every valid message, and some bad ones") {
    std::set<std::string> types;
    for (const auto& f : inputs_of("client_message")) {
        if (f.parent_path().parent_path().filename() != "corpus") continue;
        INFO(f.string());
        const auto decoded = core::decode_client_message(read_file(f));
        if (named_bad(f)) {
            CHECK(std::holds_alternative<core::decode_failure>(decoded));
            continue;
        }
        CHECK(std::holds_alternative<core::client_message>(decoded));
        types.insert(f.stem().string().substr(0, f.stem().string().find('-')));
    }
    for (const auto* t : {"hello", "subscribe", "unsubscribe", "ask", "vote", "moderate", "session_control",
                          "transcript", "poll_create", "poll_control", "poll_vote", "react"})
        CHECK(types.count(t) == 1);
}

TEST_CASE("the config seeds load, the bad ones are refused") {
    for (const auto& f : inputs_of("settings")) {
        if (f.parent_path().parent_path().filename() != "corpus") continue;
        INFO(f.string());
        if (named_bad(f))
            CHECK_THROWS_AS(config::parse_settings(read_file(f), std::nullopt), config::config_error);
        else
            CHECK_NOTHROW(config::parse_settings(read_file(f), std::nullopt));
    }
}
