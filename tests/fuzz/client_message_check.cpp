#include "fuzz_checks.hpp"

#include "core/client_message.hpp"

#include <nlohmann/json.hpp>

#include <exception>
#include <map>
#include <set>
#include <type_traits>
#include <variant>
#include <typeinfo>

namespace veche::fuzz {
namespace {

using json = nlohmann::json;
using namespace veche::core;

// The place of T among the alternatives of client_payload.
template <typename T, std::size_t I = 0>
constexpr std::size_t index_of() {
    if constexpr (std::is_same_v<std::variant_alternative_t<I, client_payload>, T>) return I;
    else return index_of<T, I + 1>();
}

bool rid_ok(const std::optional<std::string>& rid) { return !rid || (!rid->empty() && rid->size() <= 64); }

// A decoded string must be exactly what the JSON held: the decoder checks
// and routes, it never rewrites (hygiene comes later, in the core).
problem same_string(const json& obj, const char* key, const std::string& decoded, bool may_be_empty = false) {
    const auto it = obj.find(key);
    if (it == obj.end() || !it->is_string() || it->get<std::string>() != decoded)
        return std::string("decoded \"") + key + "\" differs from the message";
    if (decoded.empty() && !may_be_empty) return std::string("decoded an empty \"") + key + "\"";
    return std::nullopt;
}

// The payload's fields against the JSON object it came from.
problem fields_match(const json& obj, const client_payload& payload) {
    const std::string type = obj.at("type").get<std::string>();
    // Each type of the contract and the alternatives it may decode to
    // (session_control's replay_range has one of its own); types added later
    // only need to stay clear of these.
    static const std::map<std::string, std::set<std::size_t>> known = {
        {"hello", {index_of<hello_message>()}},
        {"subscribe", {index_of<subscribe_message>()}},
        {"unsubscribe", {index_of<unsubscribe_message>()}},
        {"ask", {index_of<ask_message>()}},
        {"vote", {index_of<vote_message>()}},
        {"moderate", {index_of<moderate_message>()}},
        {"session_control", {index_of<session_control_message>(), index_of<replay_range_message>()}},
        {"transcript", {index_of<transcript_message>()}},
        {"poll_create", {index_of<poll_create_message>()}},
        {"poll_control", {index_of<poll_control_message>()}},
        {"poll_vote", {index_of<poll_vote_message>()}},
        {"react", {index_of<react_message>()}},
    };
    const auto k = known.find(type);
    if (k != known.end() && !k->second.count(payload.index())) return "\"" + type + "\" decoded as another message";
    if (k == known.end() && payload.index() <= index_of<react_message>()) return "\"" + type + "\" decoded as a hub message";

    if (const auto* m = std::get_if<hello_message>(&payload)) return same_string(obj, "token", m->token);
    if (const auto* m = std::get_if<subscribe_message>(&payload)) {
        if (auto p = same_string(obj, "session", m->session)) return p;
        const auto since = obj.find("since");
        const bool has_since = since != obj.end() && !since->is_null();
        if (has_since != m->since.has_value()) return "\"since\" lost or invented";
        if (has_since && (!since->is_number_unsigned() || since->get<seq_t>() != *m->since)) return "\"since\" changed";
        return std::nullopt;
    }
    if (const auto* m = std::get_if<unsubscribe_message>(&payload)) return same_string(obj, "session", m->session);
    if (const auto* m = std::get_if<ask_message>(&payload)) {
        if (auto p = same_string(obj, "session", m->session)) return p;
        if (auto p = same_string(obj, "text", m->text, true)) return p;  // emptiness is the core's to refuse
        if (m->anonymous != obj.value("anonymous", false)) return "\"anonymous\" changed";
        return std::nullopt;
    }
    if (const auto* m = std::get_if<vote_message>(&payload)) {
        if (auto p = same_string(obj, "question", m->question)) return p;
        if (!obj.contains("on") || obj.at("on") != m->on) return "\"on\" changed";
        return std::nullopt;
    }
    if (const auto* m = std::get_if<moderate_message>(&payload)) {
        if (auto p = same_string(obj, "question", m->question)) return p;
        if (m->action == moderation_action::edit && m->text && obj.value("text", "") != *m->text)
            return "\"text\" changed";
        return std::nullopt;
    }
    if (const auto* m = std::get_if<session_control_message>(&payload)) return same_string(obj, "session", m->session);
    if (const auto* m = std::get_if<transcript_message>(&payload)) {
        if (auto p = same_string(obj, "session", m->session)) return p;
        if (auto p = same_string(obj, "id", m->segment.id)) return p;
        if (m->segment.id.size() > 64) return "a segment id over 64 bytes";
        if (auto p = same_string(obj, "text", m->segment.text, true)) return p;
        if (obj.at("final") != m->segment.final) return "\"final\" changed";
        const auto same_time = [&](const char* key, const std::optional<epoch_ms>& t) {
            return !t || (*t >= 0 && obj.at(key) == *t);
        };
        if (!same_time("start_ms", m->segment.start_ms) || !same_time("end_ms", m->segment.end_ms))
            return "a time changed";
        return std::nullopt;
    }
    if (const auto* m = std::get_if<poll_create_message>(&payload)) {
        if (auto p = same_string(obj, "session", m->session)) return p;
        if (auto p = same_string(obj, "question", m->question, true)) return p;
        if (obj.at("options") != json(m->options)) return "\"options\" changed";
        return std::nullopt;
    }
    if (const auto* m = std::get_if<poll_control_message>(&payload)) {
        if (auto p = same_string(obj, "poll", m->poll)) return p;
        if (obj.at("action") != to_string(m->action)) return "\"action\" changed";
        return std::nullopt;
    }
    if (const auto* m = std::get_if<poll_vote_message>(&payload)) {
        if (auto p = same_string(obj, "poll", m->poll)) return p;
        if (obj.at("choices") != json(m->choices)) return "\"choices\" changed";
        return std::nullopt;
    }
    if (const auto* m = std::get_if<react_message>(&payload)) return same_string(obj, "session", m->session);
    return std::nullopt;
}

bool payload_names_session(const client_payload& payload) {
    return std::holds_alternative<subscribe_message>(payload) || std::holds_alternative<unsubscribe_message>(payload) ||
           std::holds_alternative<ask_message>(payload) || std::holds_alternative<session_control_message>(payload) ||
           std::holds_alternative<replay_range_message>(payload) ||
           std::holds_alternative<transcript_message>(payload) ||
           std::holds_alternative<poll_create_message>(payload) || std::holds_alternative<react_message>(payload);
}

problem check_decoded(const json& obj, const client_message& msg) {
    if (!rid_ok(msg.rid)) return "a decoded rid outside 1 to 64 bytes";
    const auto rid = obj.find("rid");
    if (msg.rid.has_value() != (rid != obj.end() && !rid->is_null())) return "the rid lost or invented";
    if (msg.rid && *rid != *msg.rid) return "the rid changed";
    const auto type = obj.find("type");
    if (type == obj.end() || !type->is_string()) return "decoded a message without a string \"type\"";
    if (auto p = fields_match(obj, msg.payload)) return p;
    // Routing must not throw on anything the decoder lets through, and a
    // message naming its session goes there.
    const auto session = session_of(msg.payload);
    const auto named = obj.find("session");
    if (named != obj.end() && named->is_string() && payload_names_session(msg.payload) && *named != session)
        return "routed to another session than the one it names";
    return std::nullopt;
}

std::string describe(const std::variant<client_message, decode_failure>& r) {
    if (const auto* f = std::get_if<decode_failure>(&r))
        return "refused: " + f->message + " rid " + f->rid.value_or("-");
    const auto& m = std::get<client_message>(r);
    return "decoded: alternative " + std::to_string(m.payload.index()) + " rid " + m.rid.value_or("-");
}

}  // namespace

problem check_client_message(std::string_view input) {
    try {
        const auto decoded = decode_client_message(input);
        if (describe(decode_client_message(input)) != describe(decoded)) return "decoding is not deterministic";
        // nlohmann is also what the decoder uses; here it only tells objects
        // from the rest, which a wrong decoder would not fake.
        const auto obj = json::parse(input, nullptr, false);
        if (const auto* f = std::get_if<decode_failure>(&decoded)) {
            if (f->message.empty()) return "a refusal without a reason";
            if (!rid_ok(f->rid)) return "a refusal carries a rid outside 1 to 64 bytes";
            return std::nullopt;
        }
        if (!obj.is_object()) return "decoded something that is not a JSON object";
        return check_decoded(obj, std::get<client_message>(decoded));
    } catch (const std::exception& e) {
        return std::string("threw ") + typeid(e).name() + ": " + e.what();
    }
}

}  // namespace veche::fuzz
