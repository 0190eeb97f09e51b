#include "cluster/identity_codec.hpp"

#include "core/enum_text.hpp"

namespace veche::cluster {

nlohmann::json identity_json(const core::identity& who) {
    return {{"id", who.id},
            {"name", who.name},
            {"role", core::to_string(who.role)},
            {"sessions", who.sessions},
            {"expires_at", who.expires_at},
            {"org", who.affiliation.org},
            {"region", who.affiliation.region},
            {"verified", who.affiliation.verified}};
}

std::optional<core::identity> identity_from_json(const nlohmann::json& j) {
    if (!j.is_object()) return std::nullopt;
    try {
        core::identity who;
        who.id = j.at("id").get<std::string>();
        who.name = j.at("name").get<std::string>();
        const auto role = core::parse_enum<core::role>(j.at("role").get<std::string>());
        if (!role || who.id.empty()) return std::nullopt;
        who.role = *role;
        who.sessions = j.at("sessions").get<std::vector<std::string>>();
        who.expires_at = j.at("expires_at").get<core::epoch_ms>();
        who.affiliation.org = j.at("org").get<std::string>();
        who.affiliation.region = j.at("region").get<std::string>();
        who.affiliation.verified = j.at("verified").get<bool>();
        return who;
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;
    }
}

}  // namespace veche::cluster
