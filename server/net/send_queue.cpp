#include "net/send_queue.hpp"

#include <algorithm>

namespace veche::net {

send_queue::send_queue(std::size_t max_bytes, std::shared_ptr<std::atomic<std::int64_t>> backlog)
    : max_bytes_(max_bytes), backlog_(std::move(backlog)) {}

send_queue::~send_queue() { forget(head_, frames_.size()); }

void send_queue::forget(std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) bytes_ -= frames_[i].f->size();
    if (backlog_ && to > from) backlog_->fetch_sub(static_cast<std::int64_t>(to - from), std::memory_order_relaxed);
}

send_queue::push_result send_queue::push(hub::frame f, bool reply) {
    std::lock_guard lock(mutex_);
    if (closed_) return push_result::closed;
    if (bytes_ + f->size() > max_bytes_) {
        close_locked();
        return push_result::overflow;
    }
    bytes_ += f->size();
    if (backlog_) backlog_->fetch_add(1, std::memory_order_relaxed);
    if (reply) {
        // Behind the frames in flight and the replies already waiting, ahead of events.
        const auto at = head_ + in_flight_ + replies_waiting_;
        frames_.insert(frames_.begin() + static_cast<std::ptrdiff_t>(std::min(at, frames_.size())), entry{std::move(f), true});
        ++replies_waiting_;
    } else {
        frames_.push_back(entry{std::move(f), false});
    }
    if (writing_) return push_result::queued;
    writing_ = true;
    return push_result::start_writing;
}

void send_queue::next(std::vector<hub::frame>& out) {
    out.clear();
    std::lock_guard lock(mutex_);
    if (head_ == frames_.size()) {
        writing_ = false;
        return;
    }
    writing_ = true;
    if (in_flight_ == 0) {
        std::size_t bytes = 0;
        for (auto i = head_; i < frames_.size() && in_flight_ < max_write_frames; ++i, ++in_flight_) {
            bytes += frames_[i].f->size();
            if (in_flight_ > 0 && bytes > max_write_bytes) break;
        }
        // The replies waiting went into this write.
        replies_waiting_ -= std::min(replies_waiting_, in_flight_);
    }
    for (auto i = head_; i < head_ + in_flight_; ++i) out.push_back(frames_[i].f);
}

void send_queue::written() {
    std::lock_guard lock(mutex_);
    if (in_flight_ == 0) return;
    forget(head_, head_ + in_flight_);
    for (auto i = head_; i < head_ + in_flight_; ++i) frames_[i].f.reset();
    head_ += in_flight_;
    in_flight_ = 0;
    // Compact now and then so the vector does not creep forward forever.
    if (head_ == frames_.size()) {
        frames_.clear();
        head_ = 0;
    } else if (head_ > 64 && head_ * 2 > frames_.size()) {
        frames_.erase(frames_.begin(), frames_.begin() + static_cast<std::ptrdiff_t>(head_));
        head_ = 0;
    }
}

void send_queue::seal() {
    std::lock_guard lock(mutex_);
    closed_ = true;
}

void send_queue::close() {
    std::lock_guard lock(mutex_);
    close_locked();
}

void send_queue::close_locked() {
    closed_ = true;
    // Keep only the frames in flight (if any): the rest will never be sent.
    const auto keep = head_ + in_flight_;
    forget(keep, frames_.size());
    frames_.erase(frames_.begin() + static_cast<std::ptrdiff_t>(keep), frames_.end());
    replies_waiting_ = 0;
}

std::size_t send_queue::bytes() const {
    std::lock_guard lock(mutex_);
    return bytes_;
}

}  // namespace veche::net
