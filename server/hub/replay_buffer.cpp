#include "hub/replay_buffer.hpp"

#include <algorithm>

namespace veche::hub {

void replay_buffer::push(rendered_item item) {
    items_.push_back(std::move(item));
    while (items_.size() > capacity_) {
        floor_ = std::max(floor_, items_.front().seq);
        items_.pop_front();
    }
}

}  // namespace veche::hub
