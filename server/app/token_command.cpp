#include "app/token_command.hpp"

#include "app/command_line.hpp"
#include "app/demo_config.hpp"
#include "auth/random_id.hpp"
#include "auth/token_codec.hpp"
#include "common/wall_clock.hpp"
#include "config/config_error.hpp"
#include "config/duration.hpp"
#include "config/settings_loader.hpp"
#include "core/affiliation_text.hpp"

#include <chrono>
#include <cstdlib>
#include <iostream>

namespace veche::app {

int token_command(const std::vector<std::string>& args) {
    const command_line cl(args, {"config", "role", "session", "ttl", "name", "org", "region"});
    const auto path = cl.get("config");
    const std::string file = path.value_or(demo_config_name);
    std::optional<std::string> env_secret;
    if (const char* s = std::getenv("VECHE_SECRET"); s && *s) env_secret = s;
    config::settings settings;
    try {
        settings = path ? config::load_settings_file(*path, env_secret)
                        : config::parse_settings(demo_config_text, env_secret);
    } catch (const config::config_error& e) {
        std::cerr << "veche: " << file << ": " << e.what() << '\n';
        return 2;
    }

    const auto role_name = cl.get("role");
    if (!role_name) throw usage_error("token needs --role (participant, speaker, moderator, captioner, admin)");
    const auto role = core::parse_enum<core::role>(*role_name);
    if (!role) throw usage_error("unknown role \"" + *role_name + "\"");
    const auto ttl_text = cl.get("ttl").value_or("12h");
    const auto ttl = config::parse_duration(ttl_text);
    if (!ttl) throw usage_error("--ttl \"" + ttl_text + "\" is not a duration such as 12h or 7d");

    core::identity who;
    who.role = *role;
    who.id = auth::random_id(std::string(core::to_string(*role)) + '-');
    who.name = cl.get("name").value_or("");
    // A token the organiser mints vouches for the delegate's municipality and region.
    who.affiliation.verified = true;
    const auto checked = [&](const char* option, std::variant<std::string, core::refusal> value) -> std::optional<std::string> {
        if (auto* refused = std::get_if<core::refusal>(&value)) {
            std::cerr << "veche: --" << option << ": " << refused->message
                      << (refused->code == core::error_code::bad_request && std::string_view(option) == "region"
                              ? " (the config's \"regions\"; by default config/regions-ru.txt)"
                              : "")
                      << '\n';
            return std::nullopt;
        }
        return std::get<std::string>(std::move(value));
    };
    const auto org = checked("org", core::checked_org(cl.get("org").value_or("")));
    const auto region = checked("region", core::checked_region(cl.get("region").value_or(""), settings.regions));
    if (!org || !region) return 2;
    who.affiliation.org = *org;
    who.affiliation.region = *region;
    if (const auto session = cl.get("session")) {
        if (!settings.event.find_session(*session)) {
            std::cerr << "veche: " << file << ": no session \"" << *session << "\" in event.sessions\n";
            return 2;
        }
        who.sessions = {*session};
    }
    who.expires_at = now_ms() + std::chrono::duration_cast<std::chrono::milliseconds>(*ttl).count();
    std::cout << auth::token_codec(settings.auth.secret).issue(who) << '\n';
    return 0;
}

}  // namespace veche::app
