// What the fuzzers found, each as a readable test beside the raw input that
// replay_test.cpp replays (tests/fuzz/regressions/), and what writing their
// checks brought to light.
#include "fuzz/fuzz_checks.hpp"

#include "auth/token_codec.hpp"
#include "config/config_error.hpp"
#include "config/settings_loader.hpp"

#include <catch2/catch.hpp>

using namespace veche;

namespace {

// The members a config needs besides the one a test is about.
const std::string essentials =
    R"("auth":{"secret":"s"},"event":{"id":"e","title":"t","halls":[{"id":"h","name":"n"}],"sessions":[]})";

std::string fault_of(std::string_view config) {
    try {
        config::parse_settings(config, std::nullopt);
    } catch (const config::config_error& e) {
        return e.what();
    }
    return "loaded";
}

std::string refusal_of(std::string_view claims) {
    const auth::token_codec codec{std::string(fuzz::fuzz_secret)};
    const auto verified = codec.verify(fuzz::signed_token(claims), fuzz::fuzz_now_ms);
    const auto* why = std::get_if<std::string>(&verified);
    return why ? *why : "accepted";
}

}  // namespace

// fuzz_settings: a file starting with DEL made the fault quote the raw byte;
// keys and values may hold line breaks, C1 controls and bytes that are not UTF-8.
TEST_CASE("a config fault stays one printable line whatever the file holds") {
    CHECK(fault_of("\x7f{}") == "invalid JSON at line 1, column 1: '\\x7F'");
    CHECK(fault_of("{" + essentials + ",\"a\\nb\\u009b\":1}") == "a\\nb\\u009B: unknown key");
    CHECK(fault_of("{" + essentials + ",\"listen\":\"\\u0007:80\"}") == "listen: \"\\x07:80\" is not HOST:PORT");
    CHECK(fault_of("{\"listen\":\"\xff\"}") == "invalid JSON at line 1, column 12: '\"\\xFF'");
    CHECK(config::config_error::printable("Зал «Просвещение» 👍") == "Зал «Просвещение» 👍");
}

// fuzz_settings: a number too large for a double is not a parse_error to
// nlohmann but an out_of_range, which escaped the loader and would have
// aborted the server instead of naming the fault.
TEST_CASE("a number too large for a double is a config fault like any invalid JSON") {
    CHECK(fault_of(R"({"limits": {"message_bytes": 1e400}})") == "invalid JSON: number overflow parsing '1e400'");
    CHECK(fault_of("661e308") == "invalid JSON: number overflow parsing '661e308'");
}

// Found while writing the settings check: a whole number past INT64_MAX
// wrapped and was reported as a negative one.
TEST_CASE("a limit too large for 64 bits is named as written") {
    CHECK(fault_of("{" + essentials + R"(,"limits": {"message_bytes": 18446744073709551615}})") ==
          "limits.message_bytes: must be between 1024 and 1048576, not 18446744073709551615");
    CHECK(fault_of("{" + essentials + R"(,"limits": {"message_bytes": -5}})") ==
          "limits.message_bytes: must be between 1024 and 1048576, not -5");
}

// fuzz_token: an exp of 1.8e19 s overflowed the conversion to milliseconds
// (undefined behaviour; in practice a token that never expires or is always expired).
TEST_CASE("token times outside years 1970 to 9999 are refused, not converted") {
    CHECK(refusal_of(R"({"sub":"a","role":"admin","exp":17999999998471100})") == "bad exp");
    CHECK(refusal_of(R"({"sub":"a","role":"admin","exp":-1e300})") == "bad exp");
    CHECK(refusal_of(R"({"sub":"a","role":"admin","exp":1e300})") == "bad exp");
    CHECK(refusal_of(R"({"sub":"a","role":"admin","exp":1799999999,"nbf":1e300})") == "bad nbf");
    CHECK(refusal_of(R"({"sub":"a","role":"admin","exp":253402300799})") == "accepted");
}
