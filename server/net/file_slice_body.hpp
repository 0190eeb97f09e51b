#pragma once
// A Beast body that sends part of an open file: the whole file for 200, one
// byte range for 206. Beast's own file_body always starts at the beginning.

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/file.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/optional.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

namespace veche::net {

struct file_slice_body {
    struct value_type {
        boost::beast::file file;
        std::uint64_t offset = 0;
        std::uint64_t length = 0;
    };

    static std::uint64_t size(const value_type& body) { return body.length; }

    class writer {
    public:
        using const_buffers_type = boost::asio::const_buffer;

        template <bool is_request, class Fields>
        writer(const boost::beast::http::header<is_request, Fields>&, value_type& body)
            : body_(body), remain_(body.length) {}

        void init(boost::beast::error_code& ec) { body_.file.seek(body_.offset, ec); }

        boost::optional<std::pair<const_buffers_type, bool>> get(boost::beast::error_code& ec) {
            ec = {};
            if (remain_ == 0) return boost::none;
            const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(remain_, buffer_.size()));
            const auto got = body_.file.read(buffer_.data(), want, ec);
            if (ec) return boost::none;
            if (got == 0) {
                // The file shrank under us: the promised length cannot be sent.
                ec = boost::beast::errc::make_error_code(boost::beast::errc::io_error);
                return boost::none;
            }
            remain_ -= got;
            return {{boost::asio::const_buffer(buffer_.data(), got), remain_ > 0}};
        }

    private:
        value_type& body_;
        std::uint64_t remain_;
        std::array<char, 64 * 1024> buffer_{};
    };
};

}  // namespace veche::net
