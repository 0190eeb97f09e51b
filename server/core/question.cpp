#include "core/question.hpp"

namespace veche::core {

std::string_view to_string(question_state s) {
    switch (s) {
        case question_state::approved: return "approved";
        case question_state::answered: return "answered";
        case question_state::rejected: return "rejected";
        case question_state::archived: return "archived";
        case question_state::pending: break;
    }
    return "pending";
}

std::optional<question_state> parse_question_state(std::string_view s) {
    for (auto st : {question_state::pending, question_state::approved, question_state::answered,
                    question_state::rejected, question_state::archived})
        if (to_string(st) == s) return st;
    return std::nullopt;
}

}  // namespace veche::core
