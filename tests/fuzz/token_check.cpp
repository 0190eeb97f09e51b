#include "fuzz_checks.hpp"

#include "auth/base64url.hpp"
#include "auth/token_codec.hpp"
#include "core/text_hygiene.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <exception>

namespace veche::fuzz {
namespace {

problem check_identity(const core::identity& who) {
    if (who.id.empty() || who.id.size() > 128) return "an identity with a sub outside 1 to 128 bytes";
    if (who.expires_at <= fuzz_now_ms) return "an expired token accepted";
    const auto clean = core::clean_user_text(who.name, false);
    if (!clean || clean->text != who.name) return "a display name that is not clean";
    for (const auto& s : who.sessions)
        if (!who.may_access(s)) return "a token refused a session it names";
    return std::nullopt;
}

}  // namespace

std::string signed_token(std::string_view claims) {
    const auto input = auth::base64url_encode(R"({"alg":"HS256","typ":"JWT"})") + '.' + auth::base64url_encode(claims);
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), fuzz_secret.data(), static_cast<int>(fuzz_secret.size()),
         reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &length);
    return input + '.' + auth::base64url_encode(std::string_view(reinterpret_cast<const char*>(mac), length));
}

problem check_token(std::string_view input) {
    try {
        const auth::token_codec codec{std::string(fuzz_secret)};
        // As a whole token: without the secret nobody gets in.
        if (std::holds_alternative<core::identity>(codec.verify(input, fuzz_now_ms))) return "a forged token accepted";
        // As the claims of a token signed with the secret.
        const auto verified = codec.verify(signed_token(input), fuzz_now_ms);
        if (const auto* who = std::get_if<core::identity>(&verified)) return check_identity(*who);
        if (std::get<std::string>(verified).empty()) return "a refusal without a reason";
        return std::nullopt;
    } catch (const std::exception& e) {
        return std::string("threw: ") + e.what();
    }
}

}  // namespace veche::fuzz
