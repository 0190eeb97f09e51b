#include "cluster/batch_codec.hpp"

#include "core/change_codec.hpp"
#include "core/enum_text.hpp"

namespace veche::cluster {
namespace {

using nlohmann::json;

json audit_json(const core::audit_entry& e) {
    return {{"seq", e.seq},           {"at", e.at},          {"actor_id", e.actor_id},
            {"actor_name", e.actor_name}, {"actor_role", core::to_string(e.actor_role)},
            {"action", e.action},     {"target", e.target},  {"text_before", e.text_before},
            {"text_after", e.text_after}, {"choices", e.choices}};
}

core::audit_entry audit_from(const json& j) {
    core::audit_entry e;
    e.seq = j.at("seq").get<core::seq_t>();
    e.at = j.at("at").get<core::epoch_ms>();
    e.actor_id = j.at("actor_id").get<std::string>();
    e.actor_name = j.at("actor_name").get<std::string>();
    const auto role = core::parse_enum<core::role>(j.at("actor_role").get<std::string>());
    if (!role) throw json::other_error::create(501, "unknown role", nullptr);
    e.actor_role = *role;
    e.action = j.at("action").get<std::string>();
    e.target = j.at("target").get<std::string>();
    e.text_before = j.at("text_before").get<std::string>();
    e.text_after = j.at("text_after").get<std::string>();
    e.choices = j.at("choices").get<std::string>();
    return e;
}

}  // namespace

std::string batch_text(const store::write_batch& batch) {
    json j{{"session", batch.session}, {"at", batch.at}, {"seq", batch.seq}};
    // The status in the change codec's own form: the one it gives a session_changed.
    j["status"] = core::change_json(core::change{0, core::session_changed{batch.status}})["status"];
    auto& changes = j["changes"] = json::array();
    for (const auto& c : batch.changes) changes.push_back(core::change_json(c));
    auto& audit = j["audit"] = json::array();
    for (const auto& e : batch.audit) audit.push_back(audit_json(e));
    auto& requests = j["requests"] = json::array();
    for (const auto& r : batch.requests) requests.push_back(json::array({r.participant, r.rid, r.reply}));
    j["reactions"] = batch.reaction_totals;
    j["attendees"] = batch.attendees;
    return j.dump();
}

namespace {

std::optional<store::write_batch> batch_from_json(const json& j) {
    if (!j.is_object()) return std::nullopt;
    try {
        store::write_batch b;
        b.session = j.at("session").get<std::string>();
        b.at = j.at("at").get<core::epoch_ms>();
        b.seq = j.at("seq").get<core::seq_t>();
        const auto status = core::change_from_json({{"seq", core::seq_t{0}}, {"type", "session_changed"}, {"status", j.at("status")}});
        if (!status) return std::nullopt;
        b.status = std::get<core::session_changed>(status->payload).status;
        for (const auto& c : j.at("changes")) {
            auto change = core::change_from_json(c);
            if (!change) return std::nullopt;
            b.changes.push_back(std::move(*change));
        }
        for (const auto& e : j.at("audit")) b.audit.push_back(audit_from(e));
        for (const auto& r : j.at("requests"))
            b.requests.push_back({r.at(0).get<std::string>(), r.at(1).get<std::string>(), r.at(2).get<std::string>()});
        b.reaction_totals = j.at("reactions").get<std::map<std::string, std::int64_t>>();
        b.attendees = j.at("attendees").get<std::vector<std::pair<std::string, std::string>>>();
        return b;
    } catch (const json::exception&) {
        return std::nullopt;
    }
}

}  // namespace

std::optional<store::write_batch> batch_from_text(std::string_view text) {
    return batch_from_json(json::parse(text, nullptr, false));
}

std::string message_text(const std::vector<std::string>& batch_texts) {
    std::string text = "[";
    for (const auto& b : batch_texts) {
        if (text.size() > 1) text += ',';
        text += b;
    }
    return text + ']';
}

std::optional<std::vector<store::write_batch>> batches_from_message(std::string_view text) {
    const auto j = json::parse(text, nullptr, false);
    std::vector<store::write_batch> batches;
    if (j.is_object()) {  // one batch alone: how messages were written before group commit
        auto b = batch_from_json(j);
        if (!b) return std::nullopt;
        batches.push_back(std::move(*b));
        return batches;
    }
    if (!j.is_array() || j.empty()) return std::nullopt;
    for (const auto& item : j) {
        auto b = batch_from_json(item);
        if (!b || (!batches.empty() && b->session != batches.front().session)) return std::nullopt;
        batches.push_back(std::move(*b));
    }
    return batches;
}

}  // namespace veche::cluster
