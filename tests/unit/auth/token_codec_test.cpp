#include "auth/base64url.hpp"
#include "auth/constant_time.hpp"
#include "auth/token_codec.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <openssl/hmac.h>

using namespace veche;

namespace {

constexpr core::epoch_ms now = 1'768'471'200'000;

core::identity moderator() {
    core::identity who;
    who.id = "mod-1";
    who.name = "Мария";
    who.role = core::role::moderator;
    who.sessions = {"s1", "s2"};
    who.expires_at = now + 3'600'000;
    return who;
}

std::string forge(const std::string& header, const std::string& claims, const std::string& signature = "") {
    return auth::base64url_encode(header) + '.' + auth::base64url_encode(claims) + '.' + signature;
}

std::string why(const auth::token_codec& codec, const std::string& token) {
    const auto r = codec.verify(token, now);
    REQUIRE(std::holds_alternative<std::string>(r));
    return std::get<std::string>(r);
}

}  // namespace

TEST_CASE("tokens round-trip with every claim") {
    const auth::token_codec codec("change-me");
    const auto token = codec.issue(moderator());
    const auto r = codec.verify(token, now);
    REQUIRE(std::holds_alternative<core::identity>(r));
    const auto& who = std::get<core::identity>(r);
    CHECK(who.id == "mod-1");
    CHECK(who.name == "Мария");
    CHECK(who.role == core::role::moderator);
    CHECK(who.sessions == std::vector<std::string>{"s1", "s2"});
    CHECK(who.expires_at == now + 3'600'000);
}

TEST_CASE("tokens from another secret, expired or not HS256 are refused") {
    const auth::token_codec codec("change-me");
    CHECK(why(auth::token_codec("another"), codec.issue(moderator())) == "bad signature");

    auto old = moderator();
    old.expires_at = now - 1000;
    CHECK(why(codec, codec.issue(old)) == "expired");

    const auto claims = R"({"sub":"x","role":"admin","exp":9999999999})";
    CHECK(why(codec, forge(R"({"alg":"none"})", claims)) == "algorithm is not HS256");
    CHECK(why(codec, forge(R"({"alg":"HS512"})", claims, "AAAA")) == "algorithm is not HS256");
    CHECK(why(codec, forge(R"({"alg":"HS256"})", claims, "AAAA")) == "bad signature");
    CHECK(why(codec, "abc") == "not a JWT");
    CHECK(why(codec, "a.b.c.d") == "not a JWT");
    CHECK(why(codec, "!!.??.**") == "bad encoding");
}

TEST_CASE("claims are checked once the signature holds") {
    const auth::token_codec codec("k");
    // Signs arbitrary claims with the right key, as a registration portal holding the secret would.
    auto signed_token = [](const std::string& claims) {
        const auto input = auth::base64url_encode(R"({"alg":"HS256","typ":"JWT"})") + '.' + auth::base64url_encode(claims);
        unsigned char mac[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        HMAC(EVP_sha256(), "k", 1, reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &length);
        return input + '.' + auth::base64url_encode(std::string(reinterpret_cast<const char*>(mac), length));
    };
    const auto ok = codec.verify(signed_token(R"({"sub":"p1","role":"participant","exp":1768474800,"name":"Ив\u0430н\u202e"})"), now);
    REQUIRE(std::holds_alternative<core::identity>(ok));
    CHECK(std::get<core::identity>(ok).name == "Иван");  // the bidi override is stripped
    CHECK(why(codec, signed_token(R"({"sub":"p1","role":"king","exp":1768474800})")) == "unknown role");
    CHECK(why(codec, signed_token(R"({"sub":"p1","role":"participant"})")) == "missing exp");
    CHECK(why(codec, signed_token(R"({"role":"participant","exp":1768474800})")) == "bad sub");
    CHECK(why(codec, signed_token(R"({"sub":"p1","role":"moderator","exp":1768474800,"sessions":[]})")) ==
          "empty sessions");
    CHECK(why(codec, signed_token(R"({"sub":"p1","role":"moderator","exp":1768474800,"sessions":[1]})")) ==
          "bad sessions");
    CHECK(why(codec, signed_token(R"({"sub":"p1","role":"moderator","exp":1768474800,"nbf":1868474800})")) ==
          "not yet valid");
    CHECK(why(codec, signed_token("[]")) == "claims are not an object");
}

TEST_CASE("base64url encodes without padding and refuses junk") {
    CHECK(auth::base64url_encode("") == "");
    CHECK(auth::base64url_encode("f") == "Zg");
    CHECK(auth::base64url_encode("fo") == "Zm8");
    CHECK(auth::base64url_encode("foo") == "Zm9v");
    CHECK(auth::base64url_encode("\xfb\xff") == "-_8");
    CHECK(auth::base64url_decode("-_8") == std::string("\xfb\xff"));
    CHECK_FALSE(auth::base64url_decode("Zm9v="));
    CHECK_FALSE(auth::base64url_decode("Z"));
    CHECK_FALSE(auth::base64url_decode("Zh"));  // non-zero leftover bits
}

TEST_CASE("secrets are compared in full, whatever byte differs") {
    CHECK(auth::constant_time_equal("join-code-1234", "join-code-1234"));
    CHECK(auth::constant_time_equal("", ""));
    CHECK_FALSE(auth::constant_time_equal("join-code-1234", "Join-code-1234"));
    CHECK_FALSE(auth::constant_time_equal("join-code-1234", "join-code-1235"));
    CHECK_FALSE(auth::constant_time_equal("join-code-1234", "join-code-123"));
    CHECK_FALSE(auth::constant_time_equal("join-code-1234", ""));

    // A token whose signature differs only in its first or its last byte is refused.
    const auth::token_codec codec("change-me");
    const auto token = codec.issue(moderator());
    const auto dot = token.rfind('.');
    auto signature = auth::base64url_decode(token.substr(dot + 1));
    REQUIRE(signature);
    for (const std::size_t at : {std::size_t{0}, signature->size() - 1}) {
        auto forged = *signature;
        forged[at] = static_cast<char>(forged[at] ^ 0x01);
        CHECK(why(codec, token.substr(0, dot + 1) + auth::base64url_encode(forged)) == "bad signature");
    }
}

TEST_CASE("a delegate's org and region travel in the token, verified unless it says otherwise") {
    const auth::token_codec codec("change-me", core::region_list({"Тверская область", "Республика Саха (Якутия)"}));
    auto who = moderator();
    who.role = core::role::participant;
    who.affiliation = {"Бежецкий муниципальный округ", "Тверская область", true};
    const auto verified = std::get<core::identity>(codec.verify(codec.issue(who), now));
    CHECK(verified.affiliation == who.affiliation);

    who.affiliation.verified = false;  // self-declared (POST /api/v1/join)
    const auto token = codec.issue(who);
    CHECK(std::get<core::identity>(codec.verify(token, now)).affiliation.verified == false);

    // A portal's token: no "verified" claim means the signer vouches for it.
    const auto claims = [](nlohmann::json extra) {
        nlohmann::json c = {{"sub", "p-1"}, {"role", "participant"}, {"exp", now / 1000 + 60}};
        c.update(extra);
        return c.dump();
    };
    const auto sign = [&](const std::string& body) {
        const auto input = auth::base64url_encode(R"({"alg":"HS256","typ":"JWT"})") + '.' + auth::base64url_encode(body);
        unsigned char mac[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        const std::string secret = "change-me";
        HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
             reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &length);
        return input + '.' + auth::base64url_encode(std::string(reinterpret_cast<const char*>(mac), length));
    };
    const auto portal = std::get<core::identity>(codec.verify(sign(claims({{"org", " Мирнинский район\x07"}, {"region", "якутия"}})), now));
    CHECK(portal.affiliation == core::affiliation{"Мирнинский район", "Республика Саха (Якутия)", true});
    // A region the list lacks is the portal's word: kept as written (cleaned).
    CHECK(std::get<core::identity>(codec.verify(sign(claims({{"region", "Нарния"}})), now)).affiliation.region == "Нарния");
    CHECK(std::get<core::identity>(codec.verify(sign(claims(nlohmann::json::object())), now)).affiliation ==
          core::affiliation{"", "", true});

    CHECK(why(codec, sign(claims({{"org", std::string(201, 'x')}}))) == "bad org");
    CHECK(why(codec, sign(claims({{"org", 42}}))) == "bad org");
    CHECK(why(codec, sign(claims({{"region", nlohmann::json::array()}}))) == "bad region");
    CHECK(why(codec, sign(claims({{"verified", "yes"}}))) == "bad verified");
}
