#pragma once
// Veche's own counters (GET /metrics, Prometheus text): the store's commits
// and changes tell how big each group commit was and how long it took, which
// the generator cannot see from outside.

#include <boost/asio/ip/tcp.hpp>

#include <map>
#include <string>

namespace veche::bench {

// Every sample of the exposition, by its name with labels; empty when the server did not answer.
std::map<std::string, double> fetch_metrics(const boost::asio::ip::tcp::endpoint& server);

}  // namespace veche::bench
