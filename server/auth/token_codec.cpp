#include "auth/token_codec.hpp"

#include "auth/base64url.hpp"
#include "auth/constant_time.hpp"
#include "core/affiliation_text.hpp"
#include "core/text_hygiene.hpp"

#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <optional>

namespace veche::auth {
namespace {

// A NumericDate claim (seconds since the epoch, RFC 7519) in milliseconds;
// nothing outside years 1970 to 9999, where the conversion would not even be
// defined (a portal's bug must not become undefined behaviour).
std::optional<core::epoch_ms> epoch_ms_of(const nlohmann::json& seconds) {
    const auto s = seconds.get<double>();
    if (!(s >= 0 && s < 253'402'300'800.0)) return std::nullopt;
    return static_cast<core::epoch_ms>(s * 1000);
}

// A text claim after `check` ("" when absent or null), or nothing when it is refused.
template <typename Check>
std::optional<std::string> checked_claim(const nlohmann::json& claims, const char* key, Check check) {
    const auto it = claims.find(key);
    if (it == claims.end() || it->is_null()) return std::string();
    if (!it->is_string()) return std::nullopt;
    auto checked = check(it->get<std::string>());
    if (auto* text = std::get_if<std::string>(&checked)) return std::move(*text);
    return std::nullopt;
}

}  // namespace

// The delegate claims: org and region cleaned like typed text, the region in
// the list's spelling when it has it, verified unless the token says false.
std::optional<std::string> token_codec::read_affiliation(const nlohmann::json& claims, core::affiliation& out) const {
    const auto org = checked_claim(claims, "org", [](std::string_view raw) { return core::checked_org(raw); });
    if (!org) return std::string("bad org");
    // Checked, not looked up: a region the list lacks is the portal's to decide.
    const auto region = checked_claim(claims, "region", [](std::string_view raw) { return core::checked_region(raw, {}); });
    if (!region) return std::string("bad region");
    out.org = *org;
    out.region = regions_.find(*region).value_or(*region);
    out.verified = true;
    if (const auto verified = claims.find("verified"); verified != claims.end() && !verified->is_null()) {
        if (!verified->is_boolean()) return std::string("bad verified");
        out.verified = verified->get<bool>();
    }
    return std::nullopt;
}

token_codec::token_codec(std::string secret, core::region_list regions)
    : secret_(std::move(secret)), regions_(std::move(regions)) {}

std::string token_codec::sign(std::string_view input) const {
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), secret_.data(), static_cast<int>(secret_.size()),
         reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &length);
    return std::string(reinterpret_cast<const char*>(mac), length);
}

std::string token_codec::issue(const core::identity& who) const {
    nlohmann::json claims = {{"sub", who.id}, {"role", core::to_string(who.role)}, {"exp", who.expires_at / 1000}};
    if (!who.name.empty()) claims["name"] = who.name;
    if (!who.sessions.empty()) claims["sessions"] = who.sessions;
    if (!who.affiliation.org.empty()) claims["org"] = who.affiliation.org;
    if (!who.affiliation.region.empty()) claims["region"] = who.affiliation.region;
    // Whoever holds the secret vouches for what it signs; only self-declared claims say otherwise.
    if (!who.affiliation.verified) claims["verified"] = false;
    const auto input = base64url_encode(R"({"alg":"HS256","typ":"JWT"})") + '.' + base64url_encode(claims.dump());
    return input + '.' + base64url_encode(sign(input));
}

std::variant<core::identity, std::string> token_codec::verify(std::string_view token, core::epoch_ms now) const {
    if (token.size() > 8192) return std::string("token too long");
    const auto first = token.find('.');
    const auto second = first == std::string_view::npos ? first : token.find('.', first + 1);
    if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos)
        return std::string("not a JWT");
    const auto header_text = base64url_decode(token.substr(0, first));
    const auto claims_text = base64url_decode(token.substr(first + 1, second - first - 1));
    const auto signature = base64url_decode(token.substr(second + 1));
    if (!header_text || !claims_text || !signature) return std::string("bad encoding");

    const auto header = nlohmann::json::parse(*header_text, nullptr, false);
    if (!header.is_object() || header.value("alg", "") != "HS256") return std::string("algorithm is not HS256");
    // The signature is checked before anything in the claims is trusted.
    const auto expected = sign(token.substr(0, second));
    if (!constant_time_equal(*signature, expected)) return std::string("bad signature");

    const auto claims = nlohmann::json::parse(*claims_text, nullptr, false);
    if (!claims.is_object()) return std::string("claims are not an object");
    core::identity who;
    const auto sub = claims.find("sub");
    if (sub == claims.end() || !sub->is_string() || sub->get<std::string>().empty() || sub->get<std::string>().size() > 128)
        return std::string("bad sub");
    who.id = sub->get<std::string>();
    const auto role = claims.find("role");
    if (role == claims.end() || !role->is_string()) return std::string("missing role");
    const auto parsed_role = core::parse_enum<core::role>(role->get<std::string>());
    if (!parsed_role) return std::string("unknown role");
    who.role = *parsed_role;
    const auto exp = claims.find("exp");
    if (exp == claims.end() || !exp->is_number()) return std::string("missing exp");
    const auto expires_at = epoch_ms_of(*exp);
    if (!expires_at) return std::string("bad exp");
    who.expires_at = *expires_at;
    if (who.expires_at <= now) return std::string("expired");
    if (const auto nbf = claims.find("nbf"); nbf != claims.end()) {
        const auto not_before = nbf->is_number() ? epoch_ms_of(*nbf) : std::nullopt;
        if (!not_before) return std::string("bad nbf");
        if (*not_before > now + 60'000) return std::string("not yet valid");
    }
    if (const auto name = claims.find("name"); name != claims.end() && !name->is_null()) {
        if (!name->is_string()) return std::string("bad name");
        // Names come from other systems too (a registration portal): same hygiene as typed text.
        const auto clean = core::clean_user_text(name->get<std::string>(), false);
        if (!clean) return std::string("bad name");
        who.name = clean->text;
    }
    if (auto refused = read_affiliation(claims, who.affiliation)) return *refused;
    if (const auto sessions = claims.find("sessions"); sessions != claims.end() && !sessions->is_null()) {
        if (!sessions->is_array()) return std::string("bad sessions");
        for (const auto& s : *sessions) {
            if (!s.is_string()) return std::string("bad sessions");
            who.sessions.push_back(s.get<std::string>());
        }
        // An empty list would mean "every session" to may_access(): refuse it instead.
        if (who.sessions.empty()) return std::string("empty sessions");
    }
    return who;
}

}  // namespace veche::auth
