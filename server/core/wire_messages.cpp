#include "core/wire_messages.hpp"

namespace veche::core {
namespace {

// `,"rid":"…"` when there is one: every reply repeats the request's rid.
void append_rid(std::string& out, const std::optional<std::string>& rid) {
    if (rid) out.append(R"(,"rid":)").append(nlohmann::json(*rid).dump());
}

// Closes a message whose first members are in `out` with the members of a serialized object.
std::string& append_members(std::string& out, std::string_view object_json) {
    const auto members = object_json.substr(1, object_json.size() - 2);
    if (!members.empty()) out.append(",").append(members);
    out.push_back('}');
    return out;
}

}  // namespace

std::string welcome_text(const identity& who, const std::optional<std::string>& rid, epoch_ms now) {
    std::string out = R"({"type":"welcome")";
    append_rid(out, rid);
    const nlohmann::json rest = {
        {"you", {{"id", who.id}, {"name", who.name.empty() ? nlohmann::json(nullptr) : nlohmann::json(who.name)},
                 {"role", to_string(who.role)}}},
        {"server_time", format_rfc3339(now)}};
    return append_members(out, rest.dump());
}

std::string ack_text(const std::optional<std::string>& rid, std::string_view fields_json) {
    std::string out = R"({"type":"ack")";
    append_rid(out, rid);
    return append_members(out, fields_json);
}

std::string error_text(const std::optional<std::string>& rid, error_code code, std::string_view message) {
    std::string out = R"({"type":"error")";
    append_rid(out, rid);
    return append_members(out, nlohmann::json{{"code", to_string(code)}, {"message", message}}.dump());
}

std::string event_text(std::string_view session, seq_t seq, epoch_ms at, std::string_view kind,
                       std::string_view data_json) {
    std::string out = R"({"type":"event","session":)";
    out.reserve(out.size() + session.size() + kind.size() + data_json.size() + 64);
    out.append(nlohmann::json(session).dump());
    out.append(R"(,"seq":)").append(std::to_string(seq));
    out.append(R"(,"at_ms":)").append(std::to_string(at));
    out.append(R"(,"kind":)").append(nlohmann::json(kind).dump());
    out.append(R"(,"data":)").append(data_json);
    out.push_back('}');
    return out;
}

std::string subscribed_text(std::string_view session, seq_t seq, bool resumed, const std::optional<std::string>& rid) {
    std::string out = R"({"type":"subscribed")";
    append_rid(out, rid);
    return append_members(out,
                          nlohmann::json{{"session", session}, {"seq", seq}, {"resumed", resumed}}.dump());
}

}  // namespace veche::core
