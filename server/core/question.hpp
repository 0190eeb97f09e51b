#pragma once

#include "core/time_format.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace veche::core {

enum class question_state { pending, approved, answered, rejected, archived };

std::string_view to_string(question_state s);
std::optional<question_state> parse_question_state(std::string_view s);

struct question {
    std::string id;
    std::string session;
    std::string text;
    std::string author_id;
    std::string author_name;
    bool anonymous = false;
    question_state state = question_state::pending;
    bool highlighted = false;
    bool edited = false;
    std::int64_t votes = 0;
    epoch_ms created_at = 0;

    bool operator==(const question&) const = default;
};

}  // namespace veche::core
