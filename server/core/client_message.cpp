#include "core/client_message.hpp"

#include "core/reaction_kind.hpp"

#include <nlohmann/json.hpp>

namespace veche::core {
namespace {

using json = nlohmann::json;

// Thrown inside the decoder only; turned into a decode_failure at the end.
struct field_error {
    std::string message;
};

std::string string_field(const json& obj, const char* key) {
    const auto it = obj.find(key);
    if (it == obj.end()) throw field_error{std::string("missing \"") + key + "\""};
    if (!it->is_string()) throw field_error{std::string("\"") + key + "\" must be a string"};
    auto s = it->get<std::string>();
    if (s.empty()) throw field_error{std::string("\"") + key + "\" must not be empty"};
    return s;
}

std::optional<std::string> optional_string_field(const json& obj, const char* key) {
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) throw field_error{std::string("\"") + key + "\" must be a string"};
    return it->get<std::string>();
}

bool bool_field(const json& obj, const char* key, std::optional<bool> fallback) {
    const auto it = obj.find(key);
    if (it == obj.end()) {
        if (fallback) return *fallback;
        throw field_error{std::string("missing \"") + key + "\""};
    }
    if (!it->is_boolean()) throw field_error{std::string("\"") + key + "\" must be true or false"};
    return it->get<bool>();
}

std::optional<epoch_ms> optional_time_field(const json& obj, const char* key) {
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return std::nullopt;
    if (!it->is_number_integer() || it->get<std::int64_t>() < 0)
        throw field_error{std::string("\"") + key + "\" must be milliseconds since the epoch"};
    return it->get<std::int64_t>();
}

std::string any_string_field(const json& obj, const char* key) {
    const auto it = obj.find(key);
    if (it == obj.end()) throw field_error{std::string("missing \"") + key + "\""};
    if (!it->is_string()) throw field_error{std::string("\"") + key + "\" must be a string"};
    return it->get<std::string>();
}

transcript_message decode_transcript(const json& obj) {
    transcript_message m;
    m.session = string_field(obj, "session");
    auto& s = m.segment;
    s.id = string_field(obj, "id");
    if (s.id.size() > 64) throw field_error{"\"id\" must have 1 to 64 bytes"};
    s.text = any_string_field(obj, "text");
    s.final = bool_field(obj, "final", std::nullopt);
    s.start_ms = optional_time_field(obj, "start_ms");
    s.end_ms = optional_time_field(obj, "end_ms");
    s.speaker = optional_string_field(obj, "speaker");
    s.lang = optional_string_field(obj, "lang");
    return m;
}

poll_create_message decode_poll_create(const json& obj) {
    poll_create_message m;
    m.session = string_field(obj, "session");
    m.question = any_string_field(obj, "question");
    const auto it = obj.find("options");
    if (it == obj.end() || !it->is_array()) throw field_error{"\"options\" must be an array of strings"};
    for (const auto& o : *it) {
        if (!o.is_string()) throw field_error{"\"options\" must be an array of strings"};
        m.options.push_back(o.get<std::string>());
    }
    m.multi = bool_field(obj, "multi", false);
    m.live_results = bool_field(obj, "live_results", false);
    return m;
}

poll_vote_message decode_poll_vote(const json& obj) {
    poll_vote_message m;
    m.poll = string_field(obj, "poll");
    const auto it = obj.find("choices");
    if (it == obj.end() || !it->is_array()) throw field_error{"\"choices\" must be an array of option indexes"};
    for (const auto& c : *it) {
        if (!c.is_number_integer()) throw field_error{"\"choices\" must be an array of option indexes"};
        m.choices.push_back(c.get<std::int64_t>());
    }
    return m;
}

client_payload decode_payload(const std::string& type, const json& obj) {
    if (type == "hello") return hello_message{string_field(obj, "token")};
    if (type == "subscribe") {
        subscribe_message m{string_field(obj, "session"), std::nullopt};
        if (const auto it = obj.find("since"); it != obj.end() && !it->is_null()) {
            if (!it->is_number_unsigned()) throw field_error{"\"since\" must be a non-negative integer"};
            m.since = it->get<seq_t>();
        }
        return m;
    }
    if (type == "unsubscribe") return unsubscribe_message{string_field(obj, "session")};
    if (type == "ask") {
        const auto it = obj.find("text");
        if (it == obj.end()) throw field_error{"missing \"text\""};
        if (!it->is_string()) throw field_error{"\"text\" must be a string"};
        return ask_message{string_field(obj, "session"), it->get<std::string>(), bool_field(obj, "anonymous", false)};
    }
    if (type == "vote") return vote_message{string_field(obj, "question"), bool_field(obj, "on", std::nullopt)};
    if (type == "moderate") {
        const auto name = string_field(obj, "action");
        const auto action = parse_enum<moderation_action>(name);
        if (!action) throw field_error{"unknown moderation action"};
        return moderate_message{string_field(obj, "question"), *action, optional_string_field(obj, "text")};
    }
    if (type == "session_control") {
        const auto name = string_field(obj, "action");
        const auto action = parse_enum<session_action>(name);
        if (!action) throw field_error{"unknown session action"};
        return session_control_message{string_field(obj, "session"), *action};
    }
    if (type == "transcript") return decode_transcript(obj);
    if (type == "poll_create") return decode_poll_create(obj);
    if (type == "poll_control") {
        const auto action = string_field(obj, "action");
        if (action != "open" && action != "close") throw field_error{"\"action\" must be \"open\" or \"close\""};
        return poll_control_message{string_field(obj, "poll"), action == "open"};
    }
    if (type == "poll_vote") return decode_poll_vote(obj);
    if (type == "react") {
        const auto kind = parse_enum<reaction_kind>(string_field(obj, "kind"));
        if (!kind) throw field_error{"unknown reaction kind"};
        return react_message{string_field(obj, "session"), *kind};
    }
    throw field_error{"unknown message type"};
}

}  // namespace

std::variant<client_message, decode_failure> decode_client_message(std::string_view text) {
    const auto obj = json::parse(text, nullptr, false);
    if (obj.is_discarded()) return decode_failure{std::nullopt, "invalid JSON"};
    if (!obj.is_object()) return decode_failure{std::nullopt, "a message must be a JSON object"};
    std::optional<std::string> rid;
    if (const auto it = obj.find("rid"); it != obj.end() && !it->is_null()) {
        if (!it->is_string()) return decode_failure{std::nullopt, "\"rid\" must be a string"};
        rid = it->get<std::string>();
        if (rid->empty() || rid->size() > 64) return decode_failure{std::nullopt, "\"rid\" must have 1 to 64 bytes"};
    }
    const auto type = obj.find("type");
    if (type == obj.end() || !type->is_string()) return decode_failure{rid, "missing \"type\""};
    try {
        return client_message{rid, decode_payload(type->get<std::string>(), obj)};
    } catch (const field_error& e) {
        return decode_failure{rid, e.message};
    }
}

std::string session_of(const client_payload& payload) {
    return std::visit(
        [](const auto& m) -> std::string {
            using T = std::decay_t<decltype(m)>;
            if constexpr (std::is_same_v<T, vote_message> || std::is_same_v<T, moderate_message>)
                return m.question.substr(0, m.question.find('.'));
            else if constexpr (std::is_same_v<T, poll_control_message> || std::is_same_v<T, poll_vote_message>)
                return m.poll.substr(0, m.poll.find('.'));
            else if constexpr (std::is_same_v<T, hello_message>)
                return {};
            else
                return m.session;
        },
        payload);
}

}  // namespace veche::core
