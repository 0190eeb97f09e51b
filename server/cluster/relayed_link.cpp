#include "cluster/relayed_link.hpp"

#include <nlohmann/json.hpp>

namespace veche::cluster {

relayed_link::relayed_link(natsConnection* connection, std::string reply_to, core::identity who,
                           std::function<core::seq_t()> committed_seq)
    : connection_(connection), reply_to_(std::move(reply_to)), who_(std::move(who)),
      committed_seq_(std::move(committed_seq)) {}

void relayed_link::send(hub::frame f) {
    // One request, one answer: anything after it (there is nothing for a command) is not the answer.
    if (answered_.exchange(true)) return;
    const auto text = nlohmann::json{{"seq", committed_seq_()}, {"answer", *f}}.dump();
    natsConnection_Publish(connection_, reply_to_.c_str(), text.data(), static_cast<int>(text.size()));
}

}  // namespace veche::cluster
