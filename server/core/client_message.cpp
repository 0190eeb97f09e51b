#include "core/client_message.hpp"

#include "core/message_fields.hpp"

namespace veche::core {
namespace {

using key = message_key;
using kind = field_value::kind;

// Thrown inside the decoder only; turned into a decode_failure at the end.
struct field_error {
    std::string message;
};

std::string quoted(key k) { return "\"" + std::string(message_fields::name(k)) + "\""; }

std::string any_string_field(const message_fields& m, key k) {
    const auto* v = m.find(k);
    if (!v) throw field_error{"missing " + quoted(k)};
    if (v->type != kind::string) throw field_error{quoted(k) + " must be a string"};
    return v->string;
}

std::string string_field(const message_fields& m, key k) {
    auto s = any_string_field(m, k);
    if (s.empty()) throw field_error{quoted(k) + " must not be empty"};
    return s;
}

std::optional<std::string> optional_string_field(const message_fields& m, key k) {
    const auto* v = m.find(k);
    if (!v || v->type == kind::null) return std::nullopt;
    if (v->type != kind::string) throw field_error{quoted(k) + " must be a string"};
    return v->string;
}

bool bool_field(const message_fields& m, key k, std::optional<bool> fallback) {
    const auto* v = m.find(k);
    if (!v) {
        if (fallback) return *fallback;
        throw field_error{"missing " + quoted(k)};
    }
    if (v->type != kind::boolean) throw field_error{quoted(k) + " must be true or false"};
    return v->boolean;
}

std::optional<epoch_ms> optional_time_field(const message_fields& m, key k) {
    const auto* v = m.find(k);
    if (!v || v->type == kind::null) return std::nullopt;
    if (!v->is_integer() || v->as_int64() < 0) throw field_error{quoted(k) + " must be milliseconds since the epoch"};
    return v->as_int64();
}

// An array whose every item passes `ok`, or the error `what`.
template <typename Ok>
const std::vector<field_value>& array_field(const message_fields& m, key k, Ok ok, const char* what) {
    const auto* v = m.find(k);
    if (!v || v->type != kind::array) throw field_error{quoted(k) + " must be " + what};
    for (const auto& item : v->items)
        if (!ok(item)) throw field_error{quoted(k) + " must be " + what};
    return v->items;
}

template <typename E>
E enum_field(const message_fields& m, key k, const char* unknown) {
    const auto value = parse_enum<E>(string_field(m, k));
    if (!value) throw field_error{unknown};
    return *value;
}

transcript_message decode_transcript(const message_fields& m) {
    transcript_message t;
    t.session = string_field(m, key::session);
    auto& s = t.segment;
    s.id = string_field(m, key::id);
    if (s.id.size() > 64) throw field_error{"\"id\" must have 1 to 64 bytes"};
    s.text = any_string_field(m, key::text);
    s.final = bool_field(m, key::final, std::nullopt);
    s.start_ms = optional_time_field(m, key::start_ms);
    s.end_ms = optional_time_field(m, key::end_ms);
    s.speaker = optional_string_field(m, key::speaker);
    s.lang = optional_string_field(m, key::lang);
    return t;
}

poll_create_message decode_poll_create(const message_fields& m) {
    poll_create_message p;
    p.session = string_field(m, key::session);
    p.question = any_string_field(m, key::question);
    const auto is_string = [](const field_value& v) { return v.type == kind::string; };
    for (const auto& o : array_field(m, key::options, is_string, "an array of strings")) p.options.push_back(o.string);
    p.multi = bool_field(m, key::multi, false);
    p.live_results = bool_field(m, key::live_results, false);
    p.formal = bool_field(m, key::formal, false);
    return p;
}

poll_vote_message decode_poll_vote(const message_fields& m) {
    poll_vote_message p;
    p.poll = string_field(m, key::poll);
    const auto is_integer = [](const field_value& v) { return v.is_integer(); };
    for (const auto& c : array_field(m, key::choices, is_integer, "an array of option indexes"))
        p.choices.push_back(c.as_int64());
    return p;
}

subscribe_message decode_subscribe(const message_fields& m) {
    subscribe_message s{string_field(m, key::session), std::nullopt};
    if (const auto* since = m.find(key::since); since && since->type != kind::null) {
        if (since->type != kind::unsigned_integer) throw field_error{"\"since\" must be a non-negative integer"};
        s.since = since->unsigned_integer;
    }
    return s;
}

client_payload decode_payload(std::string_view type, const message_fields& m) {
    if (type == "hello") return hello_message{string_field(m, key::token)};
    if (type == "subscribe") return decode_subscribe(m);
    if (type == "unsubscribe") return unsubscribe_message{string_field(m, key::session)};
    if (type == "ask") {
        auto text = any_string_field(m, key::text);
        return ask_message{string_field(m, key::session), std::move(text), bool_field(m, key::anonymous, false)};
    }
    if (type == "vote") {
        auto question = string_field(m, key::question);
        return vote_message{std::move(question), bool_field(m, key::on, std::nullopt)};
    }
    if (type == "moderate") {
        const auto action = enum_field<moderation_action>(m, key::action, "unknown moderation action");
        auto question = string_field(m, key::question);
        auto text = optional_string_field(m, key::text);
        return moderate_message{std::move(question), action, std::move(text), optional_string_field(m, key::into)};
    }
    if (type == "similar") {
        auto text = any_string_field(m, key::text);
        return similar_message{string_field(m, key::session), std::move(text)};
    }
    if (type == "session_control") {
        if (const auto* a = m.find(key::action); a && a->type == kind::string && a->string == "replay_range") {
            auto session = string_field(m, key::session);
            const auto from = optional_time_field(m, key::from_ms), to = optional_time_field(m, key::to_ms);
            if (!from || !to) throw field_error{"replay_range needs \"from_ms\" and \"to_ms\""};
            return replay_range_message{std::move(session), *from, *to};
        }
        const auto action = enum_field<session_action>(m, key::action, "unknown session action");
        return session_control_message{string_field(m, key::session), action};
    }
    if (type == "transcript") return decode_transcript(m);
    if (type == "poll_create") return decode_poll_create(m);
    if (type == "poll_control") {
        const auto action = enum_field<poll_action>(m, key::action, "\"action\" must be \"open\", \"close\" or \"reveal\"");
        return poll_control_message{string_field(m, key::poll), action};
    }
    if (type == "poll_vote") return decode_poll_vote(m);
    if (type == "react") {
        const auto reaction = enum_field<reaction_kind>(m, key::kind, "unknown reaction kind");
        return react_message{string_field(m, key::session), reaction};
    }
    throw field_error{"unknown message type"};
}

}  // namespace

std::variant<client_message, decode_failure> decode_client_message(std::string_view text) {
    const message_fields m(text);
    if (m.result() == message_fields::outcome::invalid_json) return decode_failure{std::nullopt, "invalid JSON"};
    if (m.result() == message_fields::outcome::not_an_object)
        return decode_failure{std::nullopt, "a message must be a JSON object"};
    std::optional<std::string> rid;
    if (const auto* r = m.find(key::rid); r && r->type != kind::null) {
        if (r->type != kind::string) return decode_failure{std::nullopt, "\"rid\" must be a string"};
        rid = r->string;
        if (rid->empty() || rid->size() > 64) return decode_failure{std::nullopt, "\"rid\" must have 1 to 64 bytes"};
    }
    const auto* type = m.find(key::type);
    if (!type || type->type != kind::string) return decode_failure{rid, "missing \"type\""};
    try {
        return client_message{rid, decode_payload(type->string, m), std::string(text)};
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
