#pragma once

#include "core/enum_text.hpp"
#include "core/identity.hpp"
#include "core/time_format.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace veche::core {

enum class question_state { pending, approved, answered, rejected, archived, merged };

// An incoming question's most similar question of the queue (docs/protocol.md, "Similar questions").
struct similar_hint {
    std::string id;
    double score = 0;  // in (0, 1], rounded to 3 decimals

    bool operator==(const similar_hint&) const = default;
};

// A written answer (docs/protocol.md, "moderate"): the latest one replaces the one before.
struct written_reply {
    std::string text;
    std::string by;  // the replier's display name, may be empty
    epoch_ms at = 0;

    bool operator==(const written_reply&) const = default;
};

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
    std::string merged_into;                 // state merged: the question it was folded into
    std::vector<std::string> merged;         // the questions folded into this one, in the order they were asked
    std::optional<similar_hint> similar_to;  // pending only: shown to moderators
    std::optional<written_reply> reply;

    bool operator==(const question&) const = default;
};

template <>
inline constexpr std::string_view enum_names<question_state> = "pending approved answered rejected archived merged";

}  // namespace veche::core
