#pragma once
// A Beast body that sends an immutable shared string, or part of it (one
// byte range, for 206), without copying it: one segment in memory serves
// every viewer of a hall, live or in a replay.

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/optional.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>

namespace veche::net {

struct shared_slice_body {
    struct value_type {
        std::shared_ptr<const std::string> bytes;
        std::size_t offset = 0;
        std::size_t length = 0;
    };

    static std::uint64_t size(const value_type& body) { return body.length; }

    class writer {
    public:
        using const_buffers_type = boost::asio::const_buffer;

        template <bool is_request, class Fields>
        writer(const boost::beast::http::header<is_request, Fields>&, const value_type& body) : body_(body) {}

        void init(boost::beast::error_code& ec) { ec = {}; }

        boost::optional<std::pair<const_buffers_type, bool>> get(boost::beast::error_code& ec) {
            ec = {};
            if (sent_ || body_.length == 0) return boost::none;
            sent_ = true;
            return {{boost::asio::buffer(body_.bytes->data() + body_.offset, body_.length), false}};
        }

    private:
        const value_type& body_;
        bool sent_ = false;
    };
};

}  // namespace veche::net
