#include "core/seed_questions.hpp"

#include "core/similar_questions.hpp"

namespace veche::core {

std::vector<change> plant_seed_questions(session_model& m, epoch_ms now) {
    std::vector<change> out;
    if (m.seq() != 0 || m.question_count() != 0) return out;
    const auto& seeds = m.definition().seed_questions;
    for (std::size_t i = 0; i < seeds.size(); ++i) {
        question q;
        q.id = m.next_question_id();
        q.session = m.definition().id;
        q.text = seeds[i].text;
        q.author_id = "seed-" + std::to_string(i + 1);
        q.author_name = seeds[i].author;
        q.state = seeds[i].approved ? question_state::approved : question_state::pending;
        q.created_at = now + static_cast<epoch_ms>(i);  // asked one after the other
        settle_hint(m, nullptr, q);
        out.push_back(m.record(question_changed{q, false}));
        update_hints_around(m, nullptr, q, out);
    }
    return out;
}

}  // namespace veche::core
