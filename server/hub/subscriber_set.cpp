#include "hub/subscriber_set.hpp"

#include <algorithm>
#include <utility>

namespace veche::hub {

bool subscriber_set::add(std::shared_ptr<client_link> link) {
    const auto* raw = link.get();
    if (std::any_of(subscribers_.begin(), subscribers_.end(), [&](const subscriber& s) { return s.link.get() == raw; }))
        return false;
    ++people_[link->who().id];
    const auto aud = audience_of(link->who().role);
    subscribers_.push_back(subscriber{std::move(link), aud, 0, 0, {}});
    return true;
}

bool subscriber_set::remove(const client_link* link) {
    const auto it = std::find_if(subscribers_.begin(), subscribers_.end(),
                                 [&](const subscriber& s) { return s.link.get() == link; });
    if (it == subscribers_.end()) return false;
    const auto people = people_.find(it->link->who().id);
    if (people != people_.end() && --people->second == 0) people_.erase(people);
    // Order does not matter: swap with the last instead of shifting thousands.
    *it = std::move(subscribers_.back());
    subscribers_.pop_back();
    return true;
}

const subscriber* subscriber_set::find(const client_link* link) const {
    for (const auto& s : subscribers_)
        if (s.link.get() == link) return &s;
    return nullptr;
}

subscriber* subscriber_set::find(const client_link* link) {
    return const_cast<subscriber*>(std::as_const(*this).find(link));
}

std::vector<ephemeral_event> subscriber_set::snapshot_sent(const client_link* link) {
    auto* s = find(link);
    if (!s || s->snapshots_waiting == 0 || --s->snapshots_waiting > 0) return {};
    return std::exchange(s->held, {});
}

}  // namespace veche::hub
