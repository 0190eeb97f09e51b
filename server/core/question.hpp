#pragma once

#include "core/enum_text.hpp"
#include "core/identity.hpp"
#include "core/time_format.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace veche::core {

enum class question_state { pending, approved, answered, rejected, archived };

struct question {
    std::string id;
    std::string session;
    std::string text;
    std::string author_id;
    std::string author_name;
    affiliation author_affiliation;  // as the author's token said when they asked
    bool anonymous = false;
    question_state state = question_state::pending;
    bool highlighted = false;
    bool edited = false;
    std::int64_t votes = 0;
    epoch_ms created_at = 0;

    bool operator==(const question&) const = default;
};

template <>
inline constexpr std::string_view enum_names<question_state> = "pending approved answered rejected archived";

}  // namespace veche::core
