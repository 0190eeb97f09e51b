#include "config/settings_loader.hpp"

#include "config/duration.hpp"
#include "config/event_parser.hpp"
#include "config/json_object_reader.hpp"
#include "config/cluster_parser.hpp"
#include "config/media_parser.hpp"
#include "config/public_url.hpp"
#include "config/region_parser.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace veche::config {
namespace {


// "line 3, column 5" from a byte offset, for parse errors.
std::string position_of(std::string_view text, std::size_t byte) {
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

bool is_valid_origin(const std::string& origin) {
    const auto scheme_end = origin.find("://");
    if (scheme_end == std::string::npos) return false;
    const auto scheme = origin.substr(0, scheme_end);
    if (scheme != "http" && scheme != "https") return false;
    const auto host = origin.substr(scheme_end + 3);
    if (host.empty() || host.find_first_of("/?# ") != std::string::npos) return false;
    return true;
}

// An array of IP addresses and CIDR ranges; the first bad one is the fault.
std::vector<address_range> read_address_ranges(json_object_reader& r, const std::string& key) {
    std::vector<address_range> ranges;
    const auto texts = r.optional_string_array(key);
    for (std::size_t i = 0; i < texts.size(); ++i) {
        auto range = address_range::parse(texts[i]);
        if (!range)
            throw config_error(r.path_of(key) + '[' + std::to_string(i) + ']',
                               "\"" + texts[i] + "\" is not an IP address or CIDR range such as 10.0.0.0/8");
        ranges.push_back(*range);
    }
    return ranges;
}

// "45s", "15m", "12h", "7d"; the field keeps its default when the key is absent.
void read_duration(json_object_reader& r, const std::string& key, std::chrono::seconds& field) {
    const auto text = r.optional_string(key);
    if (!text) return;
    const auto d = parse_duration(*text);
    if (!d) r.fail(key, "\"" + *text + "\" is not a duration such as 12h or 7d");
    field = *d;
}

auth_settings parse_auth(const nlohmann::json& value, const std::optional<std::string>& env_secret) {
    json_object_reader r(value, "auth");
    auth_settings a;
    const auto secret = r.optional_string("secret");
    a.secret_in_config = secret && !secret->empty();
    if (env_secret && !env_secret->empty()) a.secret = *env_secret;
    else if (secret && !secret->empty()) a.secret = *secret;
    else r.fail("secret", "missing (set auth.secret in the config or the environment variable VECHE_SECRET)");

    a.join_code = r.optional_string("join_code");
    if (a.join_code && (a.join_code->empty() || a.join_code->size() > 128))
        r.fail("join_code", "must be null or a string of 1 to 128 bytes");
    a.allowed_origins = r.optional_string_array("allowed_origins");
    for (std::size_t i = 0; i < a.allowed_origins.size(); ++i)
        if (a.allowed_origins[i] != "self" && !is_valid_origin(a.allowed_origins[i]))
            throw config_error(r.path_of("allowed_origins") + '[' + std::to_string(i) + ']',
                               "\"" + a.allowed_origins[i] + "\" is not an origin such as https://forum.example.ru");
    read_duration(r, "join_token_ttl", a.join_token_ttl);
    r.finish();
    return a;
}

template <typename T>
void read_limit(json_object_reader& r, const std::string& key, T& field, std::int64_t min, std::int64_t max) {
    field = static_cast<T>(r.optional_integer(key, static_cast<std::int64_t>(field), min, max));
}

limit_settings parse_limits(const nlohmann::json& value) {
    json_object_reader r(value, "limits");
    limit_settings l;
    read_limit(r, "message_bytes", l.message_bytes, 1024, 1024 * 1024);
    read_limit(r, "question_chars", l.question_chars, 1, 10000);
    read_limit(r, "name_chars", l.name_chars, 1, 1000);
    read_limit(r, "asks_per_minute", l.asks_per_minute, 1, 10000);
    read_limit(r, "votes_per_second", l.votes_per_second, 1, 10000);
    read_limit(r, "votes_burst", l.votes_burst, 1, 100000);
    read_limit(r, "transcript_chars", l.transcript_chars, 1, 100000);
    read_limit(r, "reactions_per_second", l.reactions_per_second, 1, 10000);
    read_limit(r, "reactions_burst", l.reactions_burst, 1, 100000);
    read_limit(r, "reply_chars", l.reply_chars, 1, 100000);
    read_limit(r, "similar_per_second", l.similar_per_second, 1, 10000);
    read_limit(r, "similar_burst", l.similar_burst, 1, 100000);
    read_limit(r, "messages_per_second", l.messages_per_second, 1, 100000);
    read_limit(r, "messages_burst", l.messages_burst, 1, 1000000);
    read_limit(r, "send_queue_bytes", l.send_queue_bytes, 16 * 1024, 1024 * 1024 * 1024);
    read_limit(r, "joins_per_minute_per_ip", l.joins_per_minute_per_ip, 1, 1000000);
    read_limit(r, "hello_timeout_ms", l.hello_timeout_ms, 100, 600000);
    read_limit(r, "replay_events", l.replay_events, 16, 1000000);
    read_limit(r, "request_log_size", l.request_log_size, 1, 1000000);
    read_duration(r, "request_log_ttl", l.request_log_ttl);
    r.finish();
    return l;
}

http_settings parse_http(const nlohmann::json& value) {
    json_object_reader r(value, "http");
    http_settings h;
    h.web_root = r.optional_string("web_root").value_or("");
    read_limit(r, "request_timeout_ms", h.request_timeout_ms, 100, 600000);
    read_limit(r, "body_bytes", h.body_bytes, 1024, 64 * 1024 * 1024);
    read_limit(r, "header_bytes", h.header_bytes, 1024, 1024 * 1024);
    read_limit(r, "threads", h.threads, 1, 64);
    h.trusted_proxies = read_address_ranges(r, "trusted_proxies");
    if (const auto url = r.optional_string("public_url")) {
        const auto origin = parse_public_url(*url);
        if (!origin) r.fail("public_url", "\"" + *url + "\" is not an address such as https://forum.example.ru (no path)");
        h.public_url = *origin;
    }
    r.finish();
    return h;
}

metrics_settings parse_metrics(const nlohmann::json& value) {
    json_object_reader r(value, "metrics");
    metrics_settings m;
    m.allow_from = read_address_ranges(r, "allow_from");
    r.finish();
    return m;
}

}  // namespace

settings parse_settings(std::string_view text, const std::optional<std::string>& env_secret,
                        const std::filesystem::path& config_dir) {
    nlohmann::json root;
    try {
        root = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        std::string what = e.what();
        if (const auto colon = what.rfind(": "); colon != std::string::npos) what = what.substr(colon + 2);
        throw config_error("", "invalid JSON at " + position_of(text, e.byte ? e.byte - 1 : 0) + ": " + what);
    } catch (const nlohmann::json::out_of_range& e) {
        // A number too large even for a double (1e400): not a parse_error, but just as much the file's fault.
        std::string what = e.what();
        if (const auto bracket = what.find("] "); bracket != std::string::npos) what = what.substr(bracket + 2);
        throw config_error("", "invalid JSON: " + what);
    }
    json_object_reader r(root, "");
    settings s;
    if (const auto listen = r.optional_string("listen")) {
        const auto addr = listen_address::parse(*listen);
        if (!addr) r.fail("listen", "\"" + *listen + "\" is not HOST:PORT");
        s.listen = *addr;
    }
    if (const auto dir = r.optional_string("data_dir")) {
        if (dir->empty()) r.fail("data_dir", "must not be empty");
        s.data_dir = *dir;
    }
    const auto* auth = r.member("auth");
    if (!auth) {
        if (!env_secret || env_secret->empty())
            r.fail("auth.secret", "missing (set auth.secret in the config or the environment variable VECHE_SECRET)");
        s.auth.secret = *env_secret;
    } else {
        s.auth = parse_auth(*auth, env_secret);
    }
    if (const auto* v = r.member("limits")) s.limits = parse_limits(*v);
    if (const auto* v = r.member("http")) s.http = parse_http(*v);
    if (const auto* v = r.member("metrics")) s.metrics = parse_metrics(*v);
    if (const auto* v = r.member("media")) s.media = parse_media(*v);
    const auto* event = r.member("event");
    if (!event) r.fail("event", "missing");
    s.event = parse_event(*event);
    s.regions = parse_regions(r.member("regions"), config_dir);
    if (const auto* v = r.member("cluster")) s.cluster = parse_cluster(*v);
    r.finish();
    return s;
}

settings load_settings_file(const std::string& path, const std::optional<std::string>& env_secret) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw config_error("", "cannot read: it is a directory");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw config_error("", std::string("cannot read: ") + std::strerror(errno));
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw config_error("", std::string("cannot read: ") + std::strerror(errno));
    auto s = parse_settings(text.str(), env_secret, std::filesystem::path(path).parent_path());
    s.file = path;
    return s;
}

}  // namespace veche::config
