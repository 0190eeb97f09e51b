#include "core/snapshot_message.hpp"

#include "core/visibility.hpp"

namespace veche::core {

std::string snapshot_text(const session_model& model, const identity& who, const snapshot_context& context) {
    auto questions = nlohmann::json::array();
    for (const auto* q : model.visible_questions(who)) questions.push_back(question_json_for(*q, who));
    auto transcript = nlohmann::json::array();
    for (const auto& line : model.transcript().last_finals(snapshot_transcript_lines))
        transcript.push_back(segment_json(line));
    for (const auto& line : model.transcript().partials()) transcript.push_back(segment_json(line));
    const nlohmann::json snapshot = {
        {"type", "snapshot"},
        {"session", session_json(model.definition(), model.status())},
        {"seq", model.seq()},
        {"questions", std::move(questions)},
        {"my_votes", model.votes_of(who)},
        {"transcript", std::move(transcript)},
        {"polls", model.polls_json_for(who)},
        {"my_ballots", model.ballots_json_of(who)},
        {"stream", {{"hall", model.definition().hall}, {"status", context.stream_status}}},
        {"viewers", context.viewers},
    };
    return snapshot.dump();
}

}  // namespace veche::core
