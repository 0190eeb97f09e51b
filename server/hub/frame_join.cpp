#include "hub/frame_join.hpp"

namespace veche::hub {

frame join_items(const std::vector<frame>& items) {
    if (items.empty()) return nullptr;
    if (items.size() == 1) return items.front();
    static constexpr std::string_view head = R"({"type":"batch","items":[)";
    std::size_t size = head.size() + 2 + items.size();
    for (const auto& i : items) size += i->size();
    std::string out;
    out.reserve(size);
    out.append(head);
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out.push_back(',');
        out.append(*items[i]);
    }
    out.append("]}");
    return make_frame(std::move(out));
}

}  // namespace veche::hub
