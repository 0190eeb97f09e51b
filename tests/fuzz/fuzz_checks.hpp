#pragma once
// What each fuzz target checks about one input. The same functions run under
// libFuzzer (tests/fuzz/fuzz_entry.cpp, clang, sanitizers) and in the unit
// tests that replay the seed corpus and every crash found so far
// (tests/fuzz/replay_test.cpp), so a crash becomes a regression test by
// adding its file under tests/fuzz/regressions/TARGET/.
//
// Each returns what is wrong with how the code handled the input, or nothing.

#include <optional>
#include <string>
#include <string_view>

namespace veche::fuzz {

using problem = std::optional<std::string>;

// veche::core::decode_client_message: every WebSocket text message.
problem check_client_message(std::string_view input);

// veche::config::parse_settings: a config file.
problem check_settings(std::string_view input);

// veche::core::clean_user_text: everything people type.
problem check_text_hygiene(std::string_view input);

// veche::net::request_target and static_files::find: every request target.
// Whatever the input, the result is a refusal or a file of the web root that
// the path names; never a file outside it.
problem check_static_path(std::string_view input);

// veche::auth::token_codec::verify: the input as a whole token, and as the
// claims of a correctly signed one (a fuzzer cannot forge a signature, so the
// claims would never be reached otherwise).
problem check_token(std::string_view input);

// What check_token uses: its secret, its clock and its way of signing.
inline constexpr std::string_view fuzz_secret = "fuzzing-secret";
inline constexpr long long fuzz_now_ms = 1'768'471'200'000;  // 2026-01-15T10:00:00Z
// A token whose claims are the input, signed with fuzz_secret as any holder of the secret would.
std::string signed_token(std::string_view claims);

}  // namespace veche::fuzz
