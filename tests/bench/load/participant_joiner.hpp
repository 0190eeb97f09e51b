#pragma once
// Participants join as the contract has them join: POST /api/v1/join, one
// token each, over a few keep-alive HTTP connections in parallel.

#include <boost/asio/ip/tcp.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace veche::bench {

struct joined {
    std::vector<std::string> tokens;
    std::size_t failures = 0;  // answers other than 200, or no answer
};

joined join_participants(const boost::asio::ip::tcp::endpoint& server, std::size_t count,
                         std::size_t connections = 4);

}  // namespace veche::bench
