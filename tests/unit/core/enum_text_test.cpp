#include "core/client_message.hpp"
#include "core/error_code.hpp"
#include "core/reaction_kind.hpp"

#include <catch2/catch.hpp>

using namespace veche;

namespace {

// Every value has its own name, read back as itself; `last` is the enum's last value.
template <typename E>
void round_trips(E last, std::string_view last_name) {
    const auto n = static_cast<std::size_t>(last) + 1;
    CHECK(core::enum_count<E>() == n);
    CHECK(core::to_string(last) == last_name);
    for (std::size_t i = 0; i < n; ++i) {
        const auto value = static_cast<E>(i);
        CHECK_FALSE(core::to_string(value).empty());
        CHECK(core::parse_enum<E>(core::to_string(value)) == value);
    }
    CHECK_FALSE(core::parse_enum<E>("").has_value());
    CHECK_FALSE(core::parse_enum<E>("nonsense").has_value());
}

}  // namespace

TEST_CASE("every named enum lists one name per value, in order") {
    round_trips(core::role::admin, "admin");
    round_trips(core::question_state::merged, "merged");
    round_trips(core::poll_state::closed, "closed");
    round_trips(core::session_state::ended, "ended");
    round_trips(core::moderation_mode::post, "post");
    round_trips(core::moderation_action::reply, "reply");
    round_trips(core::session_action::end, "end");
    round_trips(core::poll_action::reveal, "reveal");
    round_trips(core::error_code::internal, "internal");
    round_trips(core::reaction_kind::wow, "wow");
    CHECK(core::to_string(core::error_code::rate_limited) == "rate_limited");
    CHECK(core::parse_enum<core::role>("moderator") == core::role::moderator);
}
