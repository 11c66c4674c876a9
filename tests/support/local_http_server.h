#pragma once

// A small HTTP/1.1 server on 127.0.0.1 for tests that need a peer which
// misbehaves on purpose: refuses, stalls, trickles, redirects, oversends.
// Each route is a function that writes raw bytes to the socket, so a test can
// answer exactly as a broken server would. Linux/POSIX sockets; one thread per
// connection, all joined on destruction.

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace testsupport {

struct RecordedRequest {
    std::string method;
    std::string target;
    std::map<std::string, std::string> headers;  // names lower-cased
    std::string body;                            // as long as Content-Length says
};

class Connection
{
public:
    explicit Connection(int fd, const std::atomic<bool> &stopping) : m_fd(fd), m_stopping(stopping) {}
    // Writes everything or gives up when the peer went away; returns false then.
    bool write(const std::string &bytes);
    // A complete response with Content-Length.
    bool respond(int status, const std::string &contentType, const std::string &body,
                 const std::string &extraHeaders = {});
    // Sleeps in small steps; returns false early if the server is stopping.
    bool sleepMs(int ms);

private:
    int m_fd;
    const std::atomic<bool> &m_stopping;
};

class LocalHttpServer
{
public:
    using Handler = std::function<void(Connection &, const RecordedRequest &)>;

    explicit LocalHttpServer(const std::string &bindAddress = "127.0.0.1");
    ~LocalHttpServer();

    void route(const std::string &path, Handler handler);
    int port() const { return m_port; }
    std::string url(const std::string &path) const;
    std::vector<RecordedRequest> requests() const;

    // A port on which nothing listens (bound, then closed).
    static int unusedPort();

private:
    void acceptLoop();
    void serve(int fd);

    std::string m_address;
    int m_listenFd = -1;
    int m_port = 0;
    std::atomic<bool> m_stopping{false};
    std::thread m_acceptThread;
    mutable std::mutex m_mutex;
    std::map<std::string, Handler> m_routes;
    std::vector<RecordedRequest> m_requests;
    std::vector<std::thread> m_workers;
};

} // namespace testsupport
