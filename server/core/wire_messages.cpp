#include "core/wire_messages.hpp"

namespace veche::core {

nlohmann::json welcome_message(const identity& who, epoch_ms now) {
    return {{"type", "welcome"},
            {"you", {{"id", who.id}, {"name", who.name.empty() ? nlohmann::json(nullptr) : nlohmann::json(who.name)},
                     {"role", to_string(who.role)}}},
            {"server_time", format_rfc3339(now)}};
}

std::string ack_text(const std::optional<std::string>& rid, std::string_view fields_json) {
    std::string out = R"({"type":"ack")";
    if (rid) out.append(R"(,"rid":)").append(nlohmann::json(*rid).dump());
    // fields_json is "{}" or "{"k":v,…}": its members follow ours.
    const auto members = fields_json.substr(1, fields_json.size() - 2);
    if (!members.empty()) out.append(",").append(members);
    out.push_back('}');
    return out;
}

nlohmann::json error_message(const std::optional<std::string>& rid, error_code code, std::string_view message) {
    nlohmann::json m = {{"type", "error"}};
    if (rid) m["rid"] = *rid;
    m["code"] = to_string(code);
    m["message"] = message;
    return m;
}

nlohmann::json event_message(std::string_view session, seq_t seq, epoch_ms at, std::string_view kind,
                             nlohmann::json data) {
    return {{"type", "event"}, {"session", session}, {"seq", seq}, {"at_ms", at}, {"kind", kind},
            {"data", std::move(data)}};
}

nlohmann::json subscribed_message(std::string_view session, seq_t seq, bool resumed) {
    return {{"type", "subscribed"}, {"session", session}, {"seq", seq}, {"resumed", resumed}};
}

}  // namespace veche::core
