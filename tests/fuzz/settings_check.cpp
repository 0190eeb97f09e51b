#include "fuzz_checks.hpp"

#include "config/config_error.hpp"
#include "config/event_parser.hpp"
#include "config/settings_loader.hpp"
#include "core/source_uri.hpp"
#include "utf8_decode.hpp"

#include <exception>
#include <set>
#include <typeinfo>

namespace veche::fuzz {
namespace {

using namespace veche::config;

// What a loaded config promises to the rest of the server.
problem check_loaded(const settings& s, const std::optional<std::string>& env_secret) {
    if (s.auth.secret.empty()) return "loaded without a secret";
    if (env_secret && s.auth.secret != *env_secret) return "VECHE_SECRET did not win over auth.secret";
    if (s.data_dir.empty()) return "an empty data_dir";
    if (s.media.window_s < 3 * s.media.target_duration_s) return "a playlist window under three target durations";
    if (s.limits.message_bytes < 1024 || s.limits.send_queue_bytes < 16 * 1024 || s.http.threads < 1)
        return "a limit below its minimum";
    if (s.event.halls.empty()) return "an event without halls";
    std::set<std::string> halls, sessions;
    for (const auto& h : s.event.halls) {
        if (!is_valid_id(h.id) || !halls.insert(h.id).second) return "a bad or duplicate hall id: " + h.id;
        try {
            const auto again = core::source_uri::parse(h.source.text);
            if (again.kind != h.source.kind || again.host != h.source.host || again.port != h.source.port)
                return "a hall source that reads differently the second time: " + h.source.text;
        } catch (const std::exception&) {
            return "a hall source that does not parse: " + h.source.text;
        }
    }
    for (const auto& ses : s.event.sessions) {
        if (!is_valid_id(ses.id) || !sessions.insert(ses.id).second) return "a bad or duplicate session id: " + ses.id;
        if (!halls.count(ses.hall)) return "a session in an unknown hall: " + ses.hall;
        if (ses.ends_at <= ses.starts_at) return "a session that ends before it starts: " + ses.id;
    }
    return std::nullopt;
}

problem check_one(std::string_view input, const std::optional<std::string>& env_secret) {
    try {
        return check_loaded(parse_settings(input, env_secret), env_secret);
    } catch (const config_error& e) {
        // The operator sees this as the one line "veche: FILE: KEY: FAULT" (contract section 6).
        const std::string what = e.what();
        if (e.fault().empty()) return "a config fault without a description";
        const auto line = decode_utf8(what);
        if (!line) return "a config fault that is not UTF-8: " + what;
        for (const auto c : *line)
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) return "a config fault that is not one printable line: " + what;
        return std::nullopt;
    } catch (const std::exception& e) {
        // Only config_error is caught at start-up; anything else would abort
        // the server instead of naming the fault.
        return std::string("threw ") + typeid(e).name() + ": " + e.what();
    }
}

}  // namespace

problem check_settings(std::string_view input) {
    if (auto p = check_one(input, std::nullopt)) return p;
    return check_one(input, std::string("secret-from-the-environment"));
}

}  // namespace veche::fuzz
