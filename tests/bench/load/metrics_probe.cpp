#include "metrics_probe.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <sstream>

namespace veche::bench {
namespace http = boost::beast::http;

std::map<std::string, double> fetch_metrics(const boost::asio::ip::tcp::endpoint& server) {
    std::map<std::string, double> out;
    try {
        boost::asio::io_context ioc;
        boost::asio::ip::tcp::socket socket(ioc);
        socket.connect(server);
        http::request<http::empty_body> req{http::verb::get, "/metrics", 11};
        req.set(http::field::host, server.address().to_string());
        http::write(socket, req);
        boost::beast::flat_buffer buffer;
        http::response<http::string_body> res;
        http::read(socket, buffer, res);
        std::istringstream lines(res.body());
        std::string line;
        while (std::getline(lines, line)) {
            if (line.empty() || line[0] == '#') continue;
            const auto space = line.rfind(' ');
            if (space == std::string::npos) continue;
            out[line.substr(0, space)] = std::stod(line.substr(space + 1));
        }
    } catch (const std::exception&) {
        out.clear();  // no figures rather than wrong ones
    }
    return out;
}

}  // namespace veche::bench
