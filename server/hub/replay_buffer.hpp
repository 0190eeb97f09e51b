#pragma once
// The last published events of a room, so a client that lost its connection
// for a moment gets what it missed instead of a whole snapshot.

#include "hub/rendered_item.hpp"

#include <cstddef>
#include <deque>

namespace veche::hub {

class replay_buffer {
public:
    // Nothing at or before `floor` can be replayed (e.g. everything before a restart).
    replay_buffer(std::size_t capacity, core::seq_t floor) : capacity_(capacity), floor_(floor) {}

    void push(rendered_item item);
    // Every event after `since` is still here.
    bool covers(core::seq_t since) const { return since >= floor_; }
    const std::deque<rendered_item>& items() const { return items_; }
    std::size_t capacity() const { return capacity_; }

private:
    std::size_t capacity_;
    core::seq_t floor_;
    std::deque<rendered_item> items_;
};

}  // namespace veche::hub
