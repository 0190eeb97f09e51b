#include "hub/held_answers.hpp"

namespace veche::hub {

void held_answers::send_when(core::seq_t seq, core::seq_t applied, std::shared_ptr<client_link> to, frame answer) {
    if (seq <= applied) return to->send_reply(std::move(answer));
    waiting_.emplace(seq, std::make_pair(std::move(to), std::move(answer)));
}

void held_answers::release(core::seq_t applied) {
    const auto end = waiting_.upper_bound(applied);
    for (auto it = waiting_.begin(); it != end; ++it) it->second.first->send_reply(std::move(it->second.second));
    waiting_.erase(waiting_.begin(), end);
}

}  // namespace veche::hub
