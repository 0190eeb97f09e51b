#include "hub/frame_join.hpp"

namespace veche::hub {

frame join_items(const std::vector<frame>& items) {
    if (items.empty()) return nullptr;
    if (items.size() == 1) return items.front();
    std::size_t size = batch_head.size() + batch_tail.size() + items.size();
    for (const auto& i : items) size += i->size();
    std::string out;
    out.reserve(size);
    out.append(batch_head);
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out.push_back(',');
        out.append(batch_items(*items[i]));
    }
    out.append(batch_tail);
    return make_frame(std::move(out));
}

std::string_view batch_items(const std::string& frame_text) {
    const std::string_view text = frame_text;
    if (text.starts_with(batch_head) && text.ends_with(batch_tail))
        return text.substr(batch_head.size(), text.size() - batch_head.size() - batch_tail.size());
    return text;
}

}  // namespace veche::hub
