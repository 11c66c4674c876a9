<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Dashboards</name>
    <message>
        <location filename="../core/dashboards/dashboard_spec.cpp" line="36"/>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <location filename="../core/dashboards/dashboard_spec.cpp" line="36"/>
        <source>p95 target 100 ms</source>
        <translation>p95 目标 100 毫秒</translation>
    </message>
    <message>
        <location filename="../core/dashboards/dashboard_spec.cpp" line="47"/>
        <source>Requests by status</source>
        <translation>按状态的请求数</translation>
    </message>
    <message>
        <location filename="../core/dashboards/dashboard_spec.cpp" line="53"/>
        <source>Error ratio (5xx)</source>
        <translation>错误率（5xx）</translation>
    </message>
    <message>
        <location filename="../core/dashboards/dashboard_spec.cpp" line="53"/>
        <source>errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../core/dashboards/dashboard_spec.cpp" line="54"/>
        <source>HighErrorRate 5 %</source>
        <translation>高错误率 5 %</translation>
    </message>
    <message>
        <location filename="../core/dashboards/dashboard_spec.cpp" line="58"/>
        <source>Requests by endpoint</source>
        <translation>按端点的请求数</translation>
    </message>
    <message>
        <location filename="../core/dashboards/dashboard_spec.cpp" line="63"/>
        <source>CPU (% of one core)</source>
        <translation>CPU（单核百分比）</translation>
    </message>
    <message>
        <location filename="../core/dashboards/dashboard_spec.cpp" line="63"/>
        <source>cpu</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../core/dashboards/dashboard_spec.cpp" line="66"/>
        <source>Resident memory</source>
        <translation>常驻内存</translation>
    </message>
    <message>
        <location filename="../core/dashboards/dashboard_spec.cpp" line="66"/>
        <source>resident</source>
        <translation>常驻</translation>
    </message>
</context>
<context>
    <name>DeploymentModel</name>
    <message>
        <location filename="../models/deployment_model.cpp" line="26"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../models/deployment_model.cpp" line="27"/>
        <source>rolling</source>
        <translation>滚动更新中</translation>
    </message>
    <message>
        <location filename="../models/deployment_model.cpp" line="28"/>
        <source>degraded</source>
        <translation>降级</translation>
    </message>
    <message>
        <location filename="../models/deployment_model.cpp" line="29"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../models/deployment_model.cpp" line="30"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
</context>
<context>
    <name>HealthStatus</name>
    <message>
        <location filename="../models/health_model.cpp" line="12"/>
        <source>healthy</source>
        <translation>健康</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="13"/>
        <source>degraded</source>
        <translation>降级</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="14"/>
        <source>down</source>
        <translation>宕机</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="15"/>
        <source>unreachable</source>
        <translation>无法访问</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="18"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>PaletteModel</name>
    <message>
        <location filename="../models/palette_model.cpp" line="14"/>
        <source>Panel</source>
        <translation>面板</translation>
    </message>
    <message>
        <location filename="../models/palette_model.cpp" line="15"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../models/palette_model.cpp" line="16"/>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <location filename="../models/palette_model.cpp" line="17"/>
        <source>Alert</source>
        <translation>告警</translation>
    </message>
    <message>
        <location filename="../models/palette_model.cpp" line="18"/>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location filename="../models/palette_model.cpp" line="19"/>
        <source>Deployment</source>
        <translation>部署</translation>
    </message>
</context>
<context>
    <name>ProfileSources</name>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="79"/>
        <source>%1: %2 is not an http(s) URL</source>
        <translation>%1：%2 不是 http(s) URL</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="94"/>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="95"/>
        <source>Prometheus</source>
        <translation>Prometheus</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="96"/>
        <source>Alertmanager</source>
        <translation>Alertmanager</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="97"/>
        <location filename="../ui/setup/profile_sources.cpp" line="134"/>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="98"/>
        <source>Docker</source>
        <translation>Docker</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="99"/>
        <source>Kubernetes</source>
        <translation>Kubernetes</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="100"/>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="113"/>
        <source>Skip TLS verification</source>
        <translation>跳过 TLS 验证</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="116"/>
        <location filename="../ui/setup/profile_sources.cpp" line="127"/>
        <location filename="../ui/setup/profile_sources.cpp" line="131"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="116"/>
        <source>api-gateway</source>
        <translation>api-gateway</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="117"/>
        <source>Health URL</source>
        <translation>健康检查 URL</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="118"/>
        <source>Liveness URL</source>
        <translation>存活检查 URL</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="119"/>
        <source>Readiness URL</source>
        <translation>就绪检查 URL</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="120"/>
        <source>Metrics URL</source>
        <translation>指标 URL</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="121"/>
        <source>Every (s)</source>
        <translation>间隔（秒）</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="122"/>
        <source>Timeout (s)</source>
        <translation>超时（秒）</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="125"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="128"/>
        <source>Members (comma-separated)</source>
        <translation>成员（逗号分隔）</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="132"/>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="133"/>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="135"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="136"/>
        <source>sslmode</source>
        <translation>sslmode</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="138"/>
        <source>Password from</source>
        <translation>密码来源</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="139"/>
        <source>Variable or keychain entry</source>
        <translation>环境变量或钥匙串条目</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="140"/>
        <source>Password (for the keychain)</source>
        <translation>密码（存入钥匙串）</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="140"/>
        <source>stored in the OS keychain, never in the file</source>
        <translation>存入系统钥匙串，绝不写入文件</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="142"/>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="143"/>
        <source>TLS CA file</source>
        <translation>TLS CA 文件</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="144"/>
        <source>TLS certificate</source>
        <translation>TLS 证书</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="145"/>
        <source>TLS key</source>
        <translation>TLS 密钥</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="147"/>
        <source>kubeconfig</source>
        <translation>kubeconfig</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="147"/>
        <source>$KUBECONFIG, else ~/.kube/config</source>
        <translation>$KUBECONFIG，否则 ~/.kube/config</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="148"/>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="148"/>
        <source>the current context</source>
        <translation>当前上下文</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="149"/>
        <source>Namespaces (comma-separated, * for all)</source>
        <translation>命名空间（逗号分隔，* 表示全部）</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="149"/>
        <source>the context&apos;s namespace</source>
        <translation>上下文的命名空间</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="151"/>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="152"/>
        <source>Keep (days)</source>
        <translation>保留（天）</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="153"/>
        <source>Keep at least</source>
        <translation>至少保留</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="267"/>
        <source>%1: a name is needed</source>
        <translation>%1：需要名称</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="269"/>
        <source>%1: give a health or a metrics URL</source>
        <translation>%1：请提供健康检查或指标 URL</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="278"/>
        <source>%1: a URL is needed</source>
        <translation>%1：需要 URL</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="297"/>
        <source>%1: a name and at least one URL are needed</source>
        <translation>%1：需要名称和至少一个 URL</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="314"/>
        <source>%1: name, host, database and user are needed</source>
        <translation>%1：需要名称、主机、数据库和用户</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="316"/>
        <source>%1: name the variable or the keychain entry of the password</source>
        <translation>%1：请指定密码所在的环境变量或钥匙串条目</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="327"/>
        <source>%1: the engine is unix:///path or tcp://host:port</source>
        <translation>%1：引擎地址应为 unix:///路径 或 tcp://主机:端口</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_sources.cpp" line="345"/>
        <source>%1: choose a folder</source>
        <translation>%1：请选择文件夹</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>OpsDeck cannot start</source>
        <translation type="vanished">OpsDeck 无法启动</translation>
    </message>
    <message>
        <source>The configuration could not be loaded:</source>
        <translation type="vanished">无法加载配置：</translation>
    </message>
    <message>
        <source>`opsdeck-cli config validate` checks it; the format: %1</source>
        <translation type="vanished">可用 `opsdeck-cli config validate` 检查；格式说明：%1</translation>
    </message>
    <message>
        <source>See docs/configuration.md for the format.</source>
        <translation type="vanished">配置格式见 docs/configuration.md。</translation>
    </message>
    <message>
        <source>%1: no profile named &quot;%2&quot;.</source>
        <translation type="vanished">%1：没有名为“%2”的配置档。</translation>
    </message>
</context>
<context>
    <name>WindowCommands</name>
    <message>
        <location filename="../ui/window_commands.cpp" line="96"/>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <location filename="../ui/window_commands.cpp" line="135"/>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <location filename="../ui/window_commands.cpp" line="135"/>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <location filename="../ui/window_commands.cpp" line="164"/>
        <source>Dashboard of %1</source>
        <translation>%1 的仪表盘</translation>
    </message>
</context>
<context>
    <name>opsdeck</name>
    <message>
        <location filename="../core/dashboards/dashboard_spec.cpp" line="103"/>
        <source>CPU busy</source>
        <translation>CPU 忙碌</translation>
    </message>
    <message>
        <location filename="../core/dashboards/dashboard_spec.cpp" line="103"/>
        <source>busy</source>
        <translation>忙碌</translation>
    </message>
    <message>
        <location filename="../core/dashboards/dashboard_spec.cpp" line="104"/>
        <source>Load average</source>
        <translation>平均负载</translation>
    </message>
    <message>
        <location filename="../core/dashboards/dashboard_spec.cpp" line="107"/>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <location filename="../core/dashboards/dashboard_spec.cpp" line="108"/>
        <source>total</source>
        <translation>总计</translation>
    </message>
    <message>
        <location filename="../core/dashboards/dashboard_spec.cpp" line="109"/>
        <source>available</source>
        <translation>可用</translation>
    </message>
    <message>
        <location filename="../core/dashboards/dashboard_spec.cpp" line="110"/>
        <source>Network (bytes/s)</source>
        <translation>网络（字节/秒）</translation>
    </message>
    <message>
        <location filename="../core/dashboards/dashboard_spec.cpp" line="113"/>
        <source>Disk I/O (bytes/s)</source>
        <translation>磁盘 I/O（字节/秒）</translation>
    </message>
    <message>
        <location filename="../core/dashboards/dashboard_spec.cpp" line="116"/>
        <source>Filesystem space available</source>
        <translation>文件系统可用空间</translation>
    </message>
    <message>
        <location filename="../core/dashboards/dashboard_spec.cpp" line="125"/>
        <source>Connections by database</source>
        <translation>各数据库连接数</translation>
    </message>
    <message>
        <location filename="../core/dashboards/dashboard_spec.cpp" line="127"/>
        <source>Transactions by database</source>
        <translation>各数据库事务</translation>
    </message>
    <message>
        <location filename="../core/dashboards/dashboard_spec.cpp" line="130"/>
        <source>Rows</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../core/dashboards/dashboard_spec.cpp" line="131"/>
        <source>fetched</source>
        <translation>读取</translation>
    </message>
    <message>
        <location filename="../core/dashboards/dashboard_spec.cpp" line="132"/>
        <source>inserted</source>
        <translation>插入</translation>
    </message>
    <message>
        <location filename="../core/dashboards/dashboard_spec.cpp" line="133"/>
        <source>updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../core/dashboards/dashboard_spec.cpp" line="134"/>
        <source>deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../core/dashboards/dashboard_spec.cpp" line="135"/>
        <source>Database size</source>
        <translation>数据库大小</translation>
    </message>
    <message>
        <location filename="../core/dashboards/dashboard_spec.cpp" line="137"/>
        <source>Deadlocks and conflicts</source>
        <translation>死锁与冲突</translation>
    </message>
    <message>
        <location filename="../core/dashboards/dashboard_spec.cpp" line="138"/>
        <source>deadlocks</source>
        <translation>死锁</translation>
    </message>
    <message>
        <location filename="../core/dashboards/dashboard_spec.cpp" line="139"/>
        <source>conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../core/dashboards/dashboard_spec.cpp" line="140"/>
        <source>Exporter sees the server</source>
        <translation>导出器可连接服务器</translation>
    </message>
    <message>
        <location filename="../core/dashboards/dashboard_spec.cpp" line="172"/>
        <source>%1 (per second)</source>
        <translation>%1（每秒）</translation>
    </message>
</context>
<context>
    <name>opsdeck::AckDialog</name>
    <message>
        <location filename="../ui/alerts/ack_dialog.cpp" line="46"/>
        <source>Acknowledge alerts</source>
        <translation>确认告警</translation>
    </message>
    <message>
        <location filename="../ui/alerts/ack_dialog.cpp" line="46"/>
        <source>New silence</source>
        <translation>新建静默</translation>
    </message>
    <message>
        <location filename="../ui/alerts/ack_dialog.cpp" line="51"/>
        <source>An acknowledgement is an Alertmanager silence. One silence per line; each line is a list of matchers such as alertname=&quot;HighLatency&quot;, service=~&quot;api|web&quot;.</source>
        <translation>确认即 Alertmanager 静默。每行一个静默；每行是一组匹配器，例如 alertname=&quot;HighLatency&quot;, service=~&quot;api|web&quot;。</translation>
    </message>
    <message>
        <location filename="../ui/alerts/ack_dialog.cpp" line="52"/>
        <source>One silence per line; each line is a list of matchers such as alertname=&quot;HighLatency&quot;, service=~&quot;api|web&quot;.</source>
        <translation>每行一个静默；每行是一组匹配器，例如 alertname=&quot;HighLatency&quot;, service=~&quot;api|web&quot;。</translation>
    </message>
    <message>
        <location filename="../ui/alerts/ack_dialog.cpp" line="81"/>
        <source>Alertmanager:</source>
        <translation>Alertmanager：</translation>
    </message>
    <message>
        <location filename="../ui/alerts/ack_dialog.cpp" line="88"/>
        <source>Why: what you are doing about it, a ticket number…</source>
        <translation>原因：你正在如何处理、工单号……</translation>
    </message>
    <message>
        <location filename="../ui/alerts/ack_dialog.cpp" line="89"/>
        <source>Comment:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <location filename="../ui/alerts/ack_dialog.cpp" line="94"/>
        <source>15 minutes</source>
        <translation>15 分钟</translation>
    </message>
    <message>
        <location filename="../ui/alerts/ack_dialog.cpp" line="95"/>
        <source>1 hour</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <location filename="../ui/alerts/ack_dialog.cpp" line="96"/>
        <source>4 hours</source>
        <translation>4 小时</translation>
    </message>
    <message>
        <location filename="../ui/alerts/ack_dialog.cpp" line="97"/>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location filename="../ui/alerts/ack_dialog.cpp" line="99"/>
        <source>Until resolved</source>
        <translation>直到恢复</translation>
    </message>
    <message>
        <location filename="../ui/alerts/ack_dialog.cpp" line="105"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../ui/alerts/ack_dialog.cpp" line="110"/>
        <source>Duration:</source>
        <translation>时长：</translation>
    </message>
    <message>
        <location filename="../ui/alerts/ack_dialog.cpp" line="111"/>
        <source>Created by:</source>
        <translation>创建者：</translation>
    </message>
    <message>
        <location filename="../ui/alerts/ack_dialog.cpp" line="120"/>
        <source>Alert</source>
        <translation>告警</translation>
    </message>
    <message>
        <location filename="../ui/alerts/ack_dialog.cpp" line="120"/>
        <source>Service / instance</source>
        <translation>服务 / 实例</translation>
    </message>
    <message>
        <location filename="../ui/alerts/ack_dialog.cpp" line="120"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../ui/alerts/ack_dialog.cpp" line="120"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../ui/alerts/ack_dialog.cpp" line="131"/>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../ui/alerts/ack_dialog.cpp" line="131"/>
        <source>Create silence</source>
        <translation>创建静默</translation>
    </message>
    <message>
        <location filename="../ui/alerts/ack_dialog.cpp" line="186"/>
        <location filename="../ui/alerts/ack_dialog.cpp" line="198"/>
        <source>Line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <location filename="../ui/alerts/ack_dialog.cpp" line="205"/>
        <source>Write at least one line of matchers.</source>
        <translation>请至少写一行匹配器。</translation>
    </message>
    <message>
        <location filename="../ui/alerts/ack_dialog.cpp" line="207"/>
        <source>Say why in the comment.</source>
        <translation>请在备注中说明原因。</translation>
    </message>
    <message>
        <location filename="../ui/alerts/ack_dialog.cpp" line="209"/>
        <source>This profile has no Alertmanager to hold the silence.</source>
        <translation>此配置没有可保存静默的 Alertmanager。</translation>
    </message>
    <message>
        <location filename="../ui/alerts/ack_dialog.cpp" line="220"/>
        <source>Preview: nothing to match yet</source>
        <translation>预览：尚无可匹配内容</translation>
    </message>
    <message>
        <location filename="../ui/alerts/ack_dialog.cpp" line="222"/>
        <source>Preview: 1 current alert matches</source>
        <translation>预览：匹配 1 条当前告警</translation>
    </message>
    <message>
        <location filename="../ui/alerts/ack_dialog.cpp" line="224"/>
        <source>Preview: %1 current alerts match</source>
        <translation>预览：匹配 %1 条当前告警</translation>
    </message>
</context>
<context>
    <name>opsdeck::ActionSilence</name>
    <message>
        <location filename="../ui/alerts/action_silence.cpp" line="74"/>
        <source>the alerts were not silenced: %1</source>
        <translation>告警未被静默：%1</translation>
    </message>
    <message>
        <location filename="../ui/alerts/action_silence.cpp" line="91"/>
        <source>its alerts were silenced meanwhile (silence %1, now expired)</source>
        <translation>期间其告警已静默（静默 %1，现已失效）</translation>
    </message>
</context>
<context>
    <name>opsdeck::AlertModel</name>
    <message>
        <location filename="../models/alert_filter.cpp" line="36"/>
        <source>&quot;%1&quot; looks like a matcher but is not one; write name=&quot;value&quot;</source>
        <translation>“%1”看起来像匹配器但格式不对；请写成 name=&quot;value&quot;</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/alert_model.cpp" line="32"/>
        <source>%n s</source>
        <translation>
            <numerusform>%n 秒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../models/alert_model.cpp" line="34"/>
        <source>%n min</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/alert_model.cpp" line="36"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/alert_model.cpp" line="37"/>
        <source>%n d</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/alert_model.cpp" line="68"/>
        <source>pending</source>
        <translation>待定</translation>
    </message>
    <message>
        <location filename="../models/alert_model.cpp" line="69"/>
        <source>firing</source>
        <translation>触发中</translation>
    </message>
    <message>
        <location filename="../models/alert_model.cpp" line="70"/>
        <source>inhibited</source>
        <translation>已抑制</translation>
    </message>
    <message>
        <location filename="../models/alert_model.cpp" line="71"/>
        <source>silenced</source>
        <translation>已静默</translation>
    </message>
    <message>
        <location filename="../models/alert_model.cpp" line="72"/>
        <source>acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../models/alert_model.cpp" line="265"/>
        <source>%1 (not in Alertmanager)</source>
        <translation>%1（不在 Alertmanager 中）</translation>
    </message>
    <message>
        <location filename="../models/alert_model.cpp" line="268"/>
        <source>(no alert name)</source>
        <translation>（无告警名）</translation>
    </message>
    <message>
        <location filename="../models/alert_model.cpp" line="272"/>
        <source>(no service)</source>
        <translation>（无服务）</translation>
    </message>
    <message>
        <location filename="../models/alert_model.cpp" line="277"/>
        <source>(no severity)</source>
        <translation>（无级别）</translation>
    </message>
    <message>
        <location filename="../models/alert_model.cpp" line="565"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../models/alert_model.cpp" line="609"/>
        <source>%1 (stale)</source>
        <translation>%1（过期）</translation>
    </message>
    <message>
        <location filename="../models/alert_model.cpp" line="619"/>
        <source>%1, until resolved</source>
        <translation>%1，直到恢复</translation>
    </message>
    <message>
        <location filename="../models/alert_model.cpp" line="620"/>
        <source>%1 until %2</source>
        <translation>%1，至 %2</translation>
    </message>
    <message>
        <location filename="../models/alert_model.cpp" line="625"/>
        <source>Acknowledged by %1 until %2
%3</source>
        <translation>由 %1 确认，至 %2
%3</translation>
    </message>
    <message>
        <location filename="../models/alert_model.cpp" line="685"/>
        <source>Alert</source>
        <translation>告警</translation>
    </message>
    <message>
        <location filename="../models/alert_model.cpp" line="686"/>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../models/alert_model.cpp" line="687"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../models/alert_model.cpp" line="688"/>
        <source>Service / instance</source>
        <translation>服务 / 实例</translation>
    </message>
    <message>
        <location filename="../models/alert_model.cpp" line="689"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../models/alert_model.cpp" line="690"/>
        <source>Since</source>
        <translation>持续</translation>
    </message>
    <message>
        <location filename="../models/alert_model.cpp" line="691"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../models/alert_model.cpp" line="692"/>
        <source>Acknowledged</source>
        <translation>确认人</translation>
    </message>
</context>
<context>
    <name>opsdeck::AlertNotifier</name>
    <message>
        <location filename="../ui/alerts/alert_notifier.cpp" line="32"/>
        <source>%1 on %2</source>
        <translation>%2 上的 %1</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alert_notifier.cpp" line="42"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alert_notifier.cpp" line="51"/>
        <source>%1 (acknowledged by %2)</source>
        <translation>%1（由 %2 确认）</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alert_notifier.cpp" line="64"/>
        <source>New alert</source>
        <translation>新告警</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/alerts/alert_notifier.cpp" line="64"/>
        <source>%n new alerts</source>
        <translation>
            <numerusform>%n 条新告警</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/alerts/alert_notifier.cpp" line="67"/>
        <source>…and %n more</source>
        <translation>
            <numerusform>……另有 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/alerts/alert_notifier.cpp" line="71"/>
        <source>Resolved</source>
        <translation>已恢复</translation>
    </message>
</context>
<context>
    <name>opsdeck::AlertsPanel</name>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="85"/>
        <source>Filter: severity=&quot;critical&quot;, team=~&quot;ops|db&quot; or words</source>
        <translation>筛选：severity=&quot;critical&quot;, team=~&quot;ops|db&quot; 或关键词</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="91"/>
        <source>Group by alert name</source>
        <translation>按告警名分组</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="92"/>
        <source>Group by service</source>
        <translation>按服务分组</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="93"/>
        <source>Group by severity</source>
        <translation>按级别分组</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="94"/>
        <source>Group by Alertmanager group</source>
        <translation>按 Alertmanager 分组</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="95"/>
        <source>No grouping</source>
        <translation>不分组</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="100"/>
        <source>Hide silenced</source>
        <translation>隐藏已静默</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="102"/>
        <source>Hide silenced, inhibited and acknowledged alerts</source>
        <translation>隐藏已静默、已抑制和已确认的告警</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="106"/>
        <source>Acknowledge…</source>
        <translation>确认……</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="109"/>
        <source>Acknowledge the selected alerts (A)</source>
        <translation>确认所选告警（A）</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="110"/>
        <location filename="../ui/alerts/alerts_panel.cpp" line="500"/>
        <source>Unacknowledge</source>
        <translation>取消确认</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="113"/>
        <source>Expire the acknowledgements of the selected alerts (U)</source>
        <translation>使所选告警的确认失效（U）</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="114"/>
        <source>Silences…</source>
        <translation>静默……</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="115"/>
        <source>Every silence: active, pending, expired; extend, expire, create</source>
        <translation>所有静默：生效、待生效、已过期；延长、失效、创建</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="303"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="311"/>
        <source>%1 other</source>
        <translation>其他 %1</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="312"/>
        <source>all handled</source>
        <translation>均已处理</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="312"/>
        <source>none firing</source>
        <translation>无触发告警</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="323"/>
        <source>This profile has no alert source.</source>
        <translation>此配置没有告警来源。</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="331"/>
        <source>%1: waiting</source>
        <translation>%1：等待中</translation>
    </message>
    <message numerus="yes">
        <source>data from %n s ago</source>
        <translation type="vanished">
            <numerusform>数据来自 %n 秒前</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="337"/>
        <source>no data yet</source>
        <translation>尚无数据</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="339"/>
        <source>%1: stale (%2) — %3</source>
        <translation>%1：已过期（%2）— %3</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="346"/>
        <source>TLS not verified</source>
        <translation>TLS 未验证</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#c62828&apos;&gt;%1: stale (%2) — %3&lt;/span&gt;</source>
        <translation type="vanished">&lt;span style=&apos;color:#c62828&apos;&gt;%1：过期（%2）— %3&lt;/span&gt;</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="341"/>
        <source>%1: ok via %2</source>
        <translation>%1：正常，经由 %2</translation>
    </message>
    <message>
        <source> &lt;span style=&apos;color:#b26a00&apos;&gt;(%1)&lt;/span&gt;</source>
        <translation type="vanished"> &lt;span style=&apos;color:#b26a00&apos;&gt;（%1）&lt;/span&gt;</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="83"/>
        <source>Filter alerts</source>
        <translation>过滤告警</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="133"/>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="335"/>
        <source>%1: last known, %2 old — waiting for an answer</source>
        <translation>%1：最后已知状态，%2 前 — 等待应答</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="337"/>
        <source>data from %1 ago</source>
        <translation>数据来自 %1 前</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="360"/>
        <source>The profile &quot;%1&quot; is read-only.</source>
        <translation>配置“%1”为只读。</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="374"/>
        <source>&lt;p&gt;No alerts. All quiet.&lt;/p&gt;</source>
        <translation>&lt;p&gt;没有告警，一切正常。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="376"/>
        <source>&lt;p style=&apos;color:gray&apos;&gt;Select an alert to see its labels, annotations, links and who acknowledged it.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:gray&apos;&gt;选择一条告警以查看其标签、注释、链接以及确认人。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="382"/>
        <source>&lt;p&gt;Since %1 · from %2&lt;/p&gt;</source>
        <translation>&lt;p&gt;始于 %1 · 来自 %2&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="390"/>
        <source>Source query</source>
        <translation>源查询</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="393"/>
        <source>Runbook</source>
        <translation>处置手册</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="399"/>
        <source>until resolved</source>
        <translation>直到恢复</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="400"/>
        <source>until %1</source>
        <translation>至 %1</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="401"/>
        <source>&lt;p&gt;&lt;b&gt;Acknowledged by %1&lt;/b&gt; %2: %3&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;由 %1 确认&lt;/b&gt;，%2：%3&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="403"/>
        <source>&lt;p&gt;Silenced by %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;被 %1 静默&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="407"/>
        <source>&lt;p&gt;Inhibited by %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;被 %1 抑制&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="411"/>
        <source>&lt;p&gt;&lt;b&gt;Last change before it started:&lt;/b&gt; %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;告警开始前的最近一次变更：&lt;/b&gt;%1&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="448"/>
        <source>Resolve in the monitoring database</source>
        <translation>在监控数据库中标记为已解决</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/alerts/alerts_panel.cpp" line="449"/>
        <source>The monitoring database has no silences: acknowledging marks these %n alert(s) resolved in its table. Go ahead?</source>
        <translation>
            <numerusform>监控数据库没有静默：确认会在其表中将这 %n 条告警标记为已解决。继续吗？</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/alerts/alerts_panel.cpp" line="457"/>
        <source>Resolving %n alert(s)…</source>
        <translation>
            <numerusform>正在解决 %n 条告警……</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/alerts/alerts_panel.cpp" line="474"/>
        <source>Sending %n acknowledgement(s)…</source>
        <translation>
            <numerusform>正在发送 %n 个确认……</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="499"/>
        <source>%1 by %2: %3</source>
        <translation>%1，由 %2：%3</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="501"/>
        <source>Expire these acknowledgements? The alerts will notify again.

%1</source>
        <translation>使这些确认失效吗？告警将再次通知。

%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/alerts/alerts_panel.cpp" line="507"/>
        <source>Expiring %n acknowledgement(s)…</source>
        <translation>
            <numerusform>正在使 %n 个确认失效……</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="526"/>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="530"/>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <location filename="../ui/alerts/alerts_panel.cpp" line="530"/>
        <source>Done: silence %1 on %2.</source>
        <translation>完成：静默 %1，位于 %2。</translation>
    </message>
</context>
<context>
    <name>opsdeck::BackendSignalDialog</name>
    <message>
        <location filename="../ui/database/backend_signal_dialog.cpp" line="20"/>
        <source>Terminate session %1</source>
        <translation>终止会话 %1</translation>
    </message>
    <message>
        <location filename="../ui/database/backend_signal_dialog.cpp" line="20"/>
        <source>Cancel query of %1</source>
        <translation>取消 %1 的查询</translation>
    </message>
    <message>
        <location filename="../ui/database/backend_signal_dialog.cpp" line="23"/>
        <source>End backend %1 on %2? The client loses its connection and an open transaction is rolled back.</source>
        <translation>结束 %2 上的后端进程 %1？客户端将断开连接，未提交的事务会回滚。</translation>
    </message>
    <message>
        <location filename="../ui/database/backend_signal_dialog.cpp" line="25"/>
        <source>Cancel the query running in backend %1 on %2? The session stays connected; its transaction, if any, is aborted.</source>
        <translation>取消 %2 上后端进程 %1 正在运行的查询？会话保持连接；若有事务则会中止。</translation>
    </message>
    <message>
        <location filename="../ui/database/backend_signal_dialog.cpp" line="33"/>
        <location filename="../ui/database/backend_signal_dialog.cpp" line="45"/>
        <source>-</source>
        <translation>-</translation>
    </message>
    <message>
        <location filename="../ui/database/backend_signal_dialog.cpp" line="40"/>
        <source>PID:</source>
        <translation>PID：</translation>
    </message>
    <message>
        <location filename="../ui/database/backend_signal_dialog.cpp" line="41"/>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <location filename="../ui/database/backend_signal_dialog.cpp" line="42"/>
        <source>Application:</source>
        <translation>应用：</translation>
    </message>
    <message>
        <location filename="../ui/database/backend_signal_dialog.cpp" line="43"/>
        <source>Client:</source>
        <translation>客户端：</translation>
    </message>
    <message>
        <location filename="../ui/database/backend_signal_dialog.cpp" line="44"/>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <location filename="../ui/database/backend_signal_dialog.cpp" line="45"/>
        <source>Query running for:</source>
        <translation>查询已运行：</translation>
    </message>
    <message>
        <location filename="../ui/database/backend_signal_dialog.cpp" line="46"/>
        <source>Transaction open for:</source>
        <translation>事务已打开：</translation>
    </message>
    <message>
        <location filename="../ui/database/backend_signal_dialog.cpp" line="52"/>
        <source>(hidden from this role)</source>
        <translation>（此角色不可见）</translation>
    </message>
    <message>
        <location filename="../ui/database/backend_signal_dialog.cpp" line="57"/>
        <source>Keep it running</source>
        <translation>保持运行</translation>
    </message>
    <message>
        <location filename="../ui/database/backend_signal_dialog.cpp" line="58"/>
        <source>Terminate session</source>
        <translation>终止会话</translation>
    </message>
    <message>
        <location filename="../ui/database/backend_signal_dialog.cpp" line="58"/>
        <source>Cancel query</source>
        <translation>取消查询</translation>
    </message>
</context>
<context>
    <name>opsdeck::BackupModel</name>
    <message>
        <location filename="../models/backup_model.cpp" line="53"/>
        <source>not verified</source>
        <translation>未验证</translation>
    </message>
    <message>
        <location filename="../models/backup_model.cpp" line="54"/>
        <source>test restore</source>
        <translation>测试恢复</translation>
    </message>
    <message>
        <location filename="../models/backup_model.cpp" line="55"/>
        <source>checksums and contents</source>
        <translation>校验和与目录</translation>
    </message>
    <message>
        <location filename="../models/backup_model.cpp" line="56"/>
        <source>checksums</source>
        <translation>校验和</translation>
    </message>
    <message>
        <location filename="../models/backup_model.cpp" line="58"/>
        <source>✓ %1, %2 ago</source>
        <translation>✓ %1，%2 前</translation>
    </message>
    <message>
        <location filename="../models/backup_model.cpp" line="58"/>
        <source>✗ failed %1 ago (%2)</source>
        <translation>✗ %1 前失败（%2）</translation>
    </message>
    <message>
        <location filename="../models/backup_model.cpp" line="73"/>
        <source>%1 ago</source>
        <translation>%1 前</translation>
    </message>
    <message>
        <location filename="../models/backup_model.cpp" line="80"/>
        <source>(retention would delete it)</source>
        <translation>（保留策略将删除它）</translation>
    </message>
    <message>
        <location filename="../models/backup_model.cpp" line="80"/>
        <source>%1 (retention would delete it)</source>
        <translation>%1（保留策略将删除它）</translation>
    </message>
    <message>
        <location filename="../models/backup_model.cpp" line="97"/>
        <source>Started %1, took %2
PostgreSQL %3, pg_dump %4, %5 format</source>
        <translation>开始于 %1，耗时 %2
PostgreSQL %3，pg_dump %4，%5 格式</translation>
    </message>
    <message>
        <location filename="../models/backup_model.cpp" line="101"/>
        <source>%1 on %2:%3</source>
        <translation>%1，位于 %2:%3</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/backup_model.cpp" line="103"/>
        <source>%1 bytes in %n file(s); the database was %2</source>
        <translation>
            <numerusform>%1 字节，%n 个文件；数据库当时为 %2</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/backup_model.cpp" line="107"/>
        <source>%1 by %2: %3</source>
        <translation>%1，由 %2：%3</translation>
    </message>
    <message>
        <location filename="../models/backup_model.cpp" line="108"/>
        <source>Verify recomputes every checksum and reads the whole table of contents; a test restore also restores it into a scratch database</source>
        <translation>验证会重新计算每个校验和并读取完整目录；测试恢复还会将其恢复到临时数据库中</translation>
    </message>
    <message>
        <location filename="../models/backup_model.cpp" line="110"/>
        <source>Retention would delete this backup: %1</source>
        <translation>保留策略将删除此备份：%1</translation>
    </message>
    <message>
        <location filename="../models/backup_model.cpp" line="112"/>
        <source>The id for opsdeck-cli backup verify / restore</source>
        <translation>用于 opsdeck-cli backup verify / restore 的 ID</translation>
    </message>
    <message>
        <location filename="../models/backup_model.cpp" line="146"/>
        <source>Taken</source>
        <translation>创建于</translation>
    </message>
    <message>
        <location filename="../models/backup_model.cpp" line="147"/>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location filename="../models/backup_model.cpp" line="148"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../models/backup_model.cpp" line="149"/>
        <source>Verified</source>
        <translation>验证</translation>
    </message>
    <message>
        <location filename="../models/backup_model.cpp" line="150"/>
        <source>By</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location filename="../models/backup_model.cpp" line="151"/>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../models/backup_model.cpp" line="152"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
</context>
<context>
    <name>opsdeck::BackupsPanel</name>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="48"/>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="50"/>
        <source>The database whose backups are shown and taken</source>
        <translation>显示和备份的数据库</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="71"/>
        <source>Drop the leftovers</source>
        <translation>删除残留</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="79"/>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="94"/>
        <source>Label of the next backup</source>
        <translation>下一次备份的标签</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="95"/>
        <source>Label (optional), e.g. before the 1.4.3 migration</source>
        <translation>标签（可选），例如：1.4.3 迁移之前</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="98"/>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="100"/>
        <source>Verify</source>
        <translation>验证</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="102"/>
        <source>Test restore</source>
        <translation>测试恢复</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="104"/>
        <source>Restore…</source>
        <translation>恢复…</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="106"/>
        <source>Prune…</source>
        <translation>清理…</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="125"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="357"/>
        <source>Drop %1…</source>
        <translation>删除 %1…</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="360"/>
        <location filename="../ui/backups/backups_panel.cpp" line="641"/>
        <source>The profile is read-only</source>
        <translation>此配置档为只读</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="360"/>
        <source>Drop the database (asks first)</source>
        <translation>删除该数据库（会先确认）</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="374"/>
        <source>Drop %1</source>
        <translation>删除 %1</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="375"/>
        <source>Drop database %1 on %2 (%3)?

%4.

Its data is gone once dropped.</source>
        <translation>删除 %2 上的数据库 %1（%3）？

%4。

删除后数据将无法找回。</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="380"/>
        <source>Drop database</source>
        <translation>删除数据库</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="390"/>
        <source>Dropping %1…</source>
        <translation>正在删除 %1…</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="399"/>
        <source>Dropped %1.</source>
        <translation>已删除 %1。</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="400"/>
        <location filename="../ui/backups/backups_panel.cpp" line="407"/>
        <source>%1 was not dropped: %2</source>
        <translation>%1 未删除：%2</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="461"/>
        <source>%1 %2 %</source>
        <translation>%1 %2 %</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="495"/>
        <source>Backup of %1 done</source>
        <translation>%1 备份完成</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="495"/>
        <source>Backup of %1 failed</source>
        <translation>%1 备份失败</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="497"/>
        <source>backing up %1</source>
        <translation>正在备份 %1</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="510"/>
        <source>Backup %1 verified</source>
        <translation>备份 %1 已验证</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="510"/>
        <source>Backup %1 failed verification</source>
        <translation>备份 %1 验证失败</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="512"/>
        <source>test-restoring %1</source>
        <translation>正在测试恢复 %1</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="512"/>
        <source>verifying %1</source>
        <translation>正在验证 %1</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="547"/>
        <source>%1 restored from %2</source>
        <translation>已从 %2 恢复 %1</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="551"/>
        <source>Restore of %1 cancelled</source>
        <translation>%1 的恢复已取消</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="551"/>
        <source>Restore of %1 failed</source>
        <translation>%1 的恢复失败</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="553"/>
        <source>: the database is unchanged</source>
        <translation>：数据库未被改动</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="560"/>
        <source>ACK: restore of %1 from backup %2 (OpsDeck), expired when it ends</source>
        <translation>ACK: 正在从备份 %2 恢复 %1（OpsDeck），恢复结束时失效</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="561"/>
        <source>restoring %1</source>
        <translation>正在恢复 %1</translation>
    </message>
    <message>
        <source>the alerts were not silenced: %1</source>
        <translation type="vanished">告警未被静默：%1</translation>
    </message>
    <message>
        <source>its alerts were silenced meanwhile (silence %1, now expired)</source>
        <translation type="vanished">恢复期间其告警已静默（静默 %1，现已失效）</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="579"/>
        <location filename="../ui/backups/backups_panel.cpp" line="582"/>
        <source>%1 (%2, %3)</source>
        <translation>%1（%2，%3）</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="584"/>
        <source>Prune backups of %1</source>
        <translation>清理 %1 的备份</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/backups/backups_panel.cpp" line="585"/>
        <source>Retention (keep %1 days, at least %2 backups, always the newest verified one) would delete %n backup(s) of %3:</source>
        <translation>
            <numerusform>保留策略（保留 %1 天、至少 %2 个备份、始终保留最新的已验证备份）将删除 %3 的 %n 个备份：</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="589"/>
        <source>And the folders that interrupted backups left behind:</source>
        <translation>以及中断的备份留下的目录：</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/backups/backups_panel.cpp" line="594"/>
        <source>Delete %n backup(s)</source>
        <translation>
            <numerusform>删除 %n 个备份</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/backups/backups_panel.cpp" line="600"/>
        <source>Deleting %n backup(s)…</source>
        <translation>
            <numerusform>正在删除 %n 个备份…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/backups/backups_panel.cpp" line="611"/>
        <source>Deleted %n backup(s).</source>
        <translation>
            <numerusform>已删除 %n 个备份。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="623"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="638"/>
        <source>A backup job is running: one at a time</source>
        <translation>有备份任务正在运行：一次只能运行一个</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="640"/>
        <source>The profile has no backup folder (&quot;backups&quot;: {&quot;directory&quot;: …})</source>
        <translation>此配置档没有备份目录（&quot;backups&quot;: {&quot;directory&quot;: …}）</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="643"/>
        <source>Select a backup</source>
        <translation>请选择一个备份</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="648"/>
        <source>Take a backup of %1 now, in the background (pg_dump, then checksums)</source>
        <translation>立即在后台备份 %1（pg_dump，然后计算校验和）</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="649"/>
        <source>Recompute every checksum and read the whole table of contents</source>
        <translation>重新计算每个校验和并读取完整目录</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="650"/>
        <source>Verify, then restore into a scratch database, check its tables, and drop it</source>
        <translation>验证，然后恢复到临时数据库，检查其表，再删除它</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="651"/>
        <source>Restore this backup: checks first, then asks you to type the target&apos;s name</source>
        <translation>恢复此备份：先检查，再要求输入目标数据库名称</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="652"/>
        <source>Delete what retention would delete, after showing it</source>
        <translation>先列出，再删除保留策略要删除的备份</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="655"/>
        <source>Retention would delete nothing now</source>
        <translation>保留策略目前不会删除任何备份</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="671"/>
        <source>No backup folder in this profile</source>
        <translation>此配置档没有备份目录</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="672"/>
        <source>Add &quot;backups&quot;: {&quot;directory&quot;: &quot;/var/backups/opsdeck&quot;} to the profile to take, verify and restore backups here (docs/backups.md).</source>
        <translation>在配置档中添加 &quot;backups&quot;: {&quot;directory&quot;: &quot;/var/backups/opsdeck&quot;}，即可在此创建、验证和恢复备份（docs/backups.md）。</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="679"/>
        <source>No database in this profile</source>
        <translation>此配置档中没有数据库</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="680"/>
        <source>Add a database under &quot;databases&quot; to back it up (docs/configuration.md).</source>
        <translation>在 &quot;databases&quot; 下添加数据库即可备份（docs/configuration.md）。</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/backups/backups_panel.cpp" line="698"/>
        <source>%n backup(s), %1, in %2</source>
        <translation>
            <numerusform>%n 个备份，%1，位于 %2</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="701"/>
        <source>; newest verified: %1 ago</source>
        <translation>；最新验证：%1 前</translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="703"/>
        <source>; none verified yet</source>
        <translation>；尚无已验证的备份</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/backups/backups_panel.cpp" line="710"/>
        <source>(%n folder(s) of interrupted backups, %1: Prune… removes them)</source>
        <translation>
            <numerusform>（%n 个中断备份留下的目录，%1：“清理…”可将其删除）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/backups/backups_panel.cpp" line="715"/>
        <source>(%n unreadable: %1)</source>
        <translation>
            <numerusform>（%n 个无法读取：%1）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/backups/backups_panel.cpp" line="726"/>
        <source>No backup of %1 yet. &quot;Back up now&quot; takes the first one.</source>
        <translation>%1 还没有备份。点击“立即备份”创建第一个。</translation>
    </message>
</context>
<context>
    <name>opsdeck::BlockingModel</name>
    <message>
        <location filename="../models/blocking_model.cpp" line="129"/>
        <source>%1 — root blocker</source>
        <translation>%1 — 根阻塞者</translation>
    </message>
    <message>
        <location filename="../models/blocking_model.cpp" line="134"/>
        <source>%1 on %2</source>
        <translation>%2 上的 %1</translation>
    </message>
    <message>
        <location filename="../models/blocking_model.cpp" line="140"/>
        <source>(hidden from this role)</source>
        <translation>（此角色不可见）</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/blocking_model.cpp" line="145"/>
        <source>Blocks %n session(s) and waits for no one: ending this session&apos;s transaction frees them.</source>
        <translation>
            <numerusform>阻塞了 %n 个会话且不等待任何人：结束此会话的事务即可释放它们。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/blocking_model.cpp" line="148"/>
        <source>Part of a lock cycle: a deadlock the server breaks after deadlock_timeout.</source>
        <translation>处于锁环中：服务器会在 deadlock_timeout 之后打破这个死锁。</translation>
    </message>
    <message>
        <location filename="../models/blocking_model.cpp" line="175"/>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <location filename="../models/blocking_model.cpp" line="176"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../models/blocking_model.cpp" line="177"/>
        <source>Application</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../models/blocking_model.cpp" line="178"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../models/blocking_model.cpp" line="179"/>
        <source>Waits for</source>
        <translation>等待</translation>
    </message>
    <message>
        <location filename="../models/blocking_model.cpp" line="180"/>
        <source>Waiting</source>
        <translation>已等待</translation>
    </message>
    <message>
        <location filename="../models/blocking_model.cpp" line="181"/>
        <source>Blocking</source>
        <translation>阻塞</translation>
    </message>
    <message>
        <location filename="../models/blocking_model.cpp" line="182"/>
        <source>Query</source>
        <translation>查询</translation>
    </message>
</context>
<context>
    <name>opsdeck::ChoiceListDialog</name>
    <message>
        <location filename="../ui/setup/choice_list_dialog.cpp" line="39"/>
        <source>Add the ticked ones</source>
        <translation>添加已勾选项</translation>
    </message>
</context>
<context>
    <name>opsdeck::CommandPalette</name>
    <message>
        <location filename="../ui/command_palette.cpp" line="63"/>
        <source>Command palette</source>
        <translation>命令面板</translation>
    </message>
    <message>
        <location filename="../ui/command_palette.cpp" line="64"/>
        <source>Type a panel, service, alert, database, deployment or action…</source>
        <translation>输入面板、服务、告警、数据库、部署或操作…</translation>
    </message>
    <message>
        <location filename="../ui/command_palette.cpp" line="65"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../ui/command_palette.cpp" line="69"/>
        <source>Matches</source>
        <translation>匹配项</translation>
    </message>
</context>
<context>
    <name>opsdeck::ConfigProblemDialog</name>
    <message>
        <location filename="../ui/setup/config_problem_dialog.cpp" line="16"/>
        <source>The configuration has errors</source>
        <translation>配置有错误</translation>
    </message>
    <message>
        <location filename="../ui/setup/config_problem_dialog.cpp" line="17"/>
        <source>OpsDeck could not load %1. Nothing in it was changed. Fix it in an editor and reload, or start over with a new profile (a copy of the file is kept beside it first).</source>
        <translation>OpsDeck 无法加载 %1，文件未被改动。请在编辑器中修正后重新加载，或以新配置档重新开始（会先在旁边保留该文件的副本）。</translation>
    </message>
    <message>
        <location filename="../ui/setup/config_problem_dialog.cpp" line="24"/>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../ui/setup/config_problem_dialog.cpp" line="26"/>
        <source>Each line is file:line: field: reason. The format is described in Help → Documentation (configuration.md), and `opsdeck-cli config validate` checks a file.</source>
        <translation>每行格式为 文件:行: 字段: 原因。格式说明见 帮助 → 文档（configuration.md），`opsdeck-cli config validate` 可检查文件。</translation>
    </message>
    <message>
        <location filename="../ui/setup/config_problem_dialog.cpp" line="32"/>
        <source>Open in editor</source>
        <translation>在编辑器中打开</translation>
    </message>
    <message>
        <location filename="../ui/setup/config_problem_dialog.cpp" line="33"/>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <location filename="../ui/setup/config_problem_dialog.cpp" line="34"/>
        <source>Start over…</source>
        <translation>重新开始…</translation>
    </message>
    <message>
        <location filename="../ui/setup/config_problem_dialog.cpp" line="35"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>opsdeck::ContainerModel</name>
    <message>
        <location filename="../models/deployment_model.cpp" line="184"/>
        <source>exited (%1)</source>
        <translation>已退出（%1）</translation>
    </message>
    <message>
        <location filename="../models/deployment_model.cpp" line="196"/>
        <source>Last health check output:
%1</source>
        <translation>最近一次健康检查输出：
%1</translation>
    </message>
    <message>
        <location filename="../models/deployment_model.cpp" line="202"/>
        <source>image %1</source>
        <translation>镜像 %1</translation>
    </message>
    <message>
        <location filename="../models/deployment_model.cpp" line="227"/>
        <source>Container</source>
        <translation>容器</translation>
    </message>
    <message>
        <location filename="../models/deployment_model.cpp" line="228"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../models/deployment_model.cpp" line="229"/>
        <source>Health</source>
        <translation>健康状况</translation>
    </message>
    <message>
        <location filename="../models/deployment_model.cpp" line="230"/>
        <source>Image</source>
        <translation>镜像</translation>
    </message>
    <message>
        <location filename="../models/deployment_model.cpp" line="231"/>
        <source>Restarts</source>
        <translation>重启次数</translation>
    </message>
    <message>
        <location filename="../models/deployment_model.cpp" line="232"/>
        <source>Started</source>
        <translation>启动时间</translation>
    </message>
    <message>
        <location filename="../models/deployment_model.cpp" line="233"/>
        <source>Ports</source>
        <translation>端口</translation>
    </message>
</context>
<context>
    <name>opsdeck::DashboardPanel</name>
    <message>
        <location filename="../ui/dashboards/dashboard_panel.cpp" line="88"/>
        <source>Custom…</source>
        <translation>自定义…</translation>
    </message>
    <message>
        <location filename="../ui/dashboards/dashboard_panel.cpp" line="90"/>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <location filename="../ui/dashboards/dashboard_panel.cpp" line="93"/>
        <source>Follow new data; off: the charts stay where they are</source>
        <translation>跟随新数据；关闭后图表保持不动</translation>
    </message>
    <message>
        <location filename="../ui/dashboards/dashboard_panel.cpp" line="94"/>
        <source>Reset zoom</source>
        <translation>重置缩放</translation>
    </message>
    <message>
        <location filename="../ui/dashboards/dashboard_panel.cpp" line="98"/>
        <source>Dashboard:</source>
        <translation>仪表盘：</translation>
    </message>
    <message>
        <location filename="../ui/dashboards/dashboard_panel.cpp" line="101"/>
        <source>Range:</source>
        <translation>时间范围：</translation>
    </message>
    <message>
        <location filename="../ui/dashboards/dashboard_panel.cpp" line="179"/>
        <source>5 minutes</source>
        <translation>5 分钟</translation>
    </message>
    <message>
        <location filename="../ui/dashboards/dashboard_panel.cpp" line="179"/>
        <source>15 minutes</source>
        <translation>15 分钟</translation>
    </message>
    <message>
        <location filename="../ui/dashboards/dashboard_panel.cpp" line="179"/>
        <source>1 hour</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <location filename="../ui/dashboards/dashboard_panel.cpp" line="180"/>
        <source>6 hours</source>
        <translation>6 小时</translation>
    </message>
    <message>
        <location filename="../ui/dashboards/dashboard_panel.cpp" line="180"/>
        <source>24 hours</source>
        <translation>24 小时</translation>
    </message>
    <message>
        <location filename="../ui/dashboards/dashboard_panel.cpp" line="180"/>
        <source>7 days</source>
        <translation>7 天</translation>
    </message>
    <message>
        <location filename="../ui/dashboards/dashboard_panel.cpp" line="218"/>
        <source>%1 has not answered yet: %2</source>
        <translation>%1 尚未应答：%2</translation>
    </message>
    <message>
        <location filename="../ui/dashboards/dashboard_panel.cpp" line="209"/>
        <source>scrapes OK</source>
        <translation>抓取正常</translation>
    </message>
    <message>
        <location filename="../ui/dashboards/dashboard_panel.cpp" line="209"/>
        <source>last scrape failed</source>
        <translation>上次抓取失败</translation>
    </message>
    <message>
        <location filename="../ui/dashboards/dashboard_panel.cpp" line="330"/>
        <source>waiting for the first scrape of %1</source>
        <translation>等待 %1 的首次抓取</translation>
    </message>
    <message>
        <source>%1 at %2: %3</source>
        <translation type="vanished">%1 于 %2：%3</translation>
    </message>
    <message>
        <source>at %1: %2</source>
        <translation type="vanished">于 %1：%2</translation>
    </message>
    <message>
        <source>stale: last scrape failed %1</source>
        <translation type="vanished">已过期：上次抓取失败 %1</translation>
    </message>
    <message>
        <location filename="../ui/dashboards/dashboard_panel.cpp" line="479"/>
        <source>%1: last scrape failed at %2 (%3 s ago): %4</source>
        <translation>%1：最近一次抓取于 %2 失败（%3 秒前）：%4</translation>
    </message>
    <message>
        <location filename="../ui/dashboards/dashboard_panel.cpp" line="542"/>
        <source>this profile has no Prometheus for the PromQL queries</source>
        <translation>此配置档没有可执行 PromQL 查询的 Prometheus</translation>
    </message>
    <message>
        <location filename="../ui/dashboards/dashboard_panel.cpp" line="608"/>
        <source>Prometheus: %1: %2</source>
        <translation>Prometheus：%1：%2</translation>
    </message>
    <message>
        <location filename="../ui/dashboards/dashboard_panel.cpp" line="654"/>
        <source>Waiting for the dashboard&apos;s variables</source>
        <translation>正在等待仪表盘变量</translation>
    </message>
    <message>
        <location filename="../ui/dashboards/dashboard_panel.cpp" line="656"/>
        <source>No series match the query</source>
        <translation>没有与查询匹配的序列</translation>
    </message>
</context>
<context>
    <name>opsdeck::DatabaseOverview</name>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="48"/>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="49"/>
        <source>Up</source>
        <translation>运行时长</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="50"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="51"/>
        <source>Connections</source>
        <translation>连接</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="52"/>
        <source>Commits/s</source>
        <translation>提交/秒</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="53"/>
        <source>Rollbacks/s</source>
        <translation>回滚/秒</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="54"/>
        <source>Cache hit</source>
        <translation>缓存命中</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="55"/>
        <source>Deadlocks</source>
        <translation>死锁</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="56"/>
        <source>Temp files</source>
        <translation>临时文件</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="57"/>
        <source>Longest xact</source>
        <translation>最长事务</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="58"/>
        <source>Oldest xmin age</source>
        <translation>最旧 xmin 年龄</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="59"/>
        <source>XID age</source>
        <translation>XID 年龄</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="80"/>
        <source>Connections by state</source>
        <translation>按状态的连接数</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="81"/>
        <source>Transactions per second</source>
        <translation>每秒事务数</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="82"/>
        <source>Tuples per second</source>
        <translation>每秒元组数</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="83"/>
        <source>WAL written per second</source>
        <translation>每秒写入的 WAL</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="130"/>
        <source>standby</source>
        <translation>备库</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="130"/>
        <source>primary</source>
        <translation>主库</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="132"/>
        <source>, read-only</source>
        <translation>，只读</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="133"/>
        <source>PostgreSQL %1 · %2</source>
        <translation>PostgreSQL %1 · %2</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="139"/>
        <source>%1 of %2: %3 active, %4 idle, %5 idle in xact, %6 waiting</source>
        <translation>%1 / %2：%3 活跃，%4 空闲，%5 事务中空闲，%6 等待</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="142"/>
        <source>Client connections against max_connections; background processes are not counted</source>
        <translation>客户端连接数对比 max_connections；不计后台进程</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="145"/>
        <source>Over the last %1 ms between two samples, by the server&apos;s clock</source>
        <translation>按服务器时钟，两次采样之间的 %1 毫秒内</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="149"/>
        <source>no reads</source>
        <translation>无读取</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="151"/>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="154"/>
        <source>A rate needs two samples in a row</source>
        <translation>速率需要连续两次采样</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="156"/>
        <source>%1 (%2 new)</source>
        <translation>%1（新增 %2）</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="158"/>
        <source>Since the statistics were last reset</source>
        <translation>自上次统计重置以来</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="159"/>
        <source>%1 (pid %2)</source>
        <translation>%1（pid %2）</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="160"/>
        <source>none open</source>
        <translation>无未结束事务</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="162"/>
        <source>A long transaction holds its locks and keeps vacuum from removing old rows</source>
        <translation>长事务会持有锁，并使 vacuum 无法清理旧行</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="164"/>
        <source>Transactions since the oldest snapshot a session still holds</source>
        <translation>自会话仍持有的最旧快照以来的事务数</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="168"/>
        <source>Transaction IDs since the oldest unfrozen one (wraparound at about 2 billion)</source>
        <translation>自最旧未冻结事务以来的事务 ID 数（约 20 亿时回卷）</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="172"/>
        <source>in sync</source>
        <translation>已同步</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="172"/>
        <source>replay lag %1 s</source>
        <translation>回放延迟 %1 秒</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="173"/>
        <source>Standby &lt;b&gt;%1&lt;/b&gt; (%2, %3): write %4 s, flush %5 s, %6, %7 behind</source>
        <translation>备库 &lt;b&gt;%1&lt;/b&gt;（%2，%3）：写入 %4 秒，刷盘 %5 秒，%6，落后 %7</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="179"/>
        <source>Slot &lt;b&gt;%1&lt;/b&gt; (%2, %3): retains %4 of WAL</source>
        <translation>复制槽 &lt;b&gt;%1&lt;/b&gt;（%2，%3）：保留 %4 的 WAL</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="180"/>
        <location filename="../ui/database/database_overview.cpp" line="200"/>
        <source>active</source>
        <translation>活跃</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="180"/>
        <source>inactive</source>
        <translation>非活跃</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="183"/>
        <source>No standby and no replication slot.</source>
        <translation>没有备库，也没有复制槽。</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="201"/>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="202"/>
        <source>idle in xact</source>
        <translation>事务中空闲</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="203"/>
        <source>waiting on lock</source>
        <translation>等待锁</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="209"/>
        <source>Connections by state (max %1)</source>
        <translation>按状态的连接数（上限 %1）</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="210"/>
        <source>max_connections</source>
        <translation>max_connections</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="218"/>
        <source>commits</source>
        <translation>提交</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="219"/>
        <source>rollbacks</source>
        <translation>回滚</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="222"/>
        <source>read</source>
        <translation>读取</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="223"/>
        <source>written</source>
        <translation>写入</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="226"/>
        <source>WAL</source>
        <translation>WAL</translation>
    </message>
    <message>
        <location filename="../ui/database/database_overview.cpp" line="227"/>
        <source>temp files</source>
        <translation>临时文件</translation>
    </message>
</context>
<context>
    <name>opsdeck::DatabasePanel</name>
    <message>
        <location filename="../ui/database/database_panel.cpp" line="51"/>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location filename="../ui/database/database_panel.cpp" line="53"/>
        <source>The configured database to show</source>
        <translation>要显示的已配置数据库</translation>
    </message>
    <message>
        <location filename="../ui/database/database_panel.cpp" line="73"/>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <location filename="../ui/database/database_panel.cpp" line="75"/>
        <source>Sessions</source>
        <translation>会话</translation>
    </message>
    <message>
        <location filename="../ui/database/database_panel.cpp" line="80"/>
        <source>No session waits for a lock another one holds.</source>
        <translation>没有会话在等待其他会话持有的锁。</translation>
    </message>
    <message>
        <location filename="../ui/database/database_panel.cpp" line="87"/>
        <source>Who blocks whom</source>
        <translation>谁阻塞了谁</translation>
    </message>
    <message>
        <location filename="../ui/database/database_panel.cpp" line="94"/>
        <location filename="../ui/database/database_panel.cpp" line="258"/>
        <source>Blocking</source>
        <translation>阻塞</translation>
    </message>
    <message>
        <location filename="../ui/database/database_panel.cpp" line="97"/>
        <source>Top queries</source>
        <translation>热点查询</translation>
    </message>
    <message>
        <location filename="../ui/database/database_panel.cpp" line="108"/>
        <location filename="../ui/database/database_panel.cpp" line="111"/>
        <source>Tables</source>
        <translation>表</translation>
    </message>
    <message>
        <location filename="../ui/database/database_panel.cpp" line="113"/>
        <location filename="../ui/database/database_panel.cpp" line="255"/>
        <source>Monitoring</source>
        <translation>监控</translation>
    </message>
    <message>
        <location filename="../ui/database/database_panel.cpp" line="117"/>
        <source>Cancel query…</source>
        <translation>取消查询…</translation>
    </message>
    <message>
        <location filename="../ui/database/database_panel.cpp" line="121"/>
        <source>Terminate session…</source>
        <translation>终止会话…</translation>
    </message>
    <message>
        <location filename="../ui/database/database_panel.cpp" line="254"/>
        <source>Monitoring (%1 failing)</source>
        <translation>监控（%1 项失败）</translation>
    </message>
    <message>
        <location filename="../ui/database/database_panel.cpp" line="258"/>
        <source>Blocking (%1)</source>
        <translation>阻塞（%1）</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/database/database_panel.cpp" line="259"/>
        <source>%n waiting on a lock</source>
        <translation>
            <numerusform>%n 个在等待锁</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/database/database_panel.cpp" line="272"/>
        <source>No database in this profile: add one under &quot;databases&quot; (docs/configuration.md).</source>
        <translation>此配置中没有数据库：请在 &quot;databases&quot; 下添加（见 docs/configuration.md）。</translation>
    </message>
    <message>
        <location filename="../ui/database/database_panel.cpp" line="287"/>
        <source>— reconnecting in %1 s</source>
        <translation>— %1 秒后重连</translation>
    </message>
    <message>
        <location filename="../ui/database/database_panel.cpp" line="289"/>
        <source>— showing data from %1 ago (stale)</source>
        <translation>— 显示的是 %1 前的数据（已过期）</translation>
    </message>
    <message>
        <location filename="../ui/database/database_panel.cpp" line="291"/>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <location filename="../ui/database/database_panel.cpp" line="294"/>
        <source>%1 — connecting; showing the last known state, %2 old</source>
        <translation>%1 — 正在连接；显示 %2 前的最后已知状态</translation>
    </message>
    <message>
        <location filename="../ui/database/database_panel.cpp" line="297"/>
        <source>%1 — no answer for %2: the data shown is stale</source>
        <translation>%1 — 已 %2 无应答：显示的数据已过期</translation>
    </message>
    <message>
        <location filename="../ui/database/database_panel.cpp" line="299"/>
        <source>%1 — updated %2 ago</source>
        <translation>%1 — %2 前更新</translation>
    </message>
    <message>
        <location filename="../ui/database/database_panel.cpp" line="302"/>
        <source>(partly: %1)</source>
        <translation>（部分：%1）</translation>
    </message>
    <message>
        <location filename="../ui/database/database_panel.cpp" line="308"/>
        <source>TLS verified</source>
        <translation>TLS 已验证</translation>
    </message>
    <message>
        <location filename="../ui/database/database_panel.cpp" line="309"/>
        <source>sslmode=verify-full: the server&apos;s certificate and name are checked</source>
        <translation>sslmode=verify-full：会校验服务器的证书和名称</translation>
    </message>
    <message>
        <location filename="../ui/database/database_panel.cpp" line="312"/>
        <source>local</source>
        <translation>本地</translation>
    </message>
    <message>
        <location filename="../ui/database/database_panel.cpp" line="313"/>
        <source>A loopback or Unix-socket connection: it does not cross a network</source>
        <translation>回环或 Unix 套接字连接：不经过网络</translation>
    </message>
    <message>
        <location filename="../ui/database/database_panel.cpp" line="316"/>
        <source>TLS not verified</source>
        <translation>TLS 未验证</translation>
    </message>
    <message>
        <location filename="../ui/database/database_panel.cpp" line="317"/>
        <source>sslmode=%1: the server&apos;s identity is not checked (verify-full would), so its answers could come from anyone on the path</source>
        <translation>sslmode=%1：不校验服务器身份（verify-full 才会），其应答可能来自路径上的任何人</translation>
    </message>
    <message>
        <location filename="../ui/database/database_panel.cpp" line="323"/>
        <source>The %1 largest tables, read %2 ago (sizes are read every 30 s)</source>
        <translation>最大的 %1 张表，%2 前读取（大小每 30 秒读取一次）</translation>
    </message>
    <message>
        <location filename="../ui/database/database_panel.cpp" line="326"/>
        <source>Reading the tables…</source>
        <translation>正在读取表…</translation>
    </message>
    <message>
        <location filename="../ui/database/database_panel.cpp" line="353"/>
        <source>The profile is read-only</source>
        <translation>此配置为只读</translation>
    </message>
    <message>
        <location filename="../ui/database/database_panel.cpp" line="354"/>
        <source>Select a session in Sessions or Blocking</source>
        <translation>请在“会话”或“阻塞”中选择一个会话</translation>
    </message>
    <message>
        <location filename="../ui/database/database_panel.cpp" line="355"/>
        <source>A background process of the server is not to be signalled from here</source>
        <translation>不应从这里向服务器的后台进程发送信号</translation>
    </message>
    <message>
        <location filename="../ui/database/database_panel.cpp" line="356"/>
        <source>Cancel the selected session&apos;s query (C)</source>
        <translation>取消所选会话的查询（C）</translation>
    </message>
    <message>
        <location filename="../ui/database/database_panel.cpp" line="357"/>
        <source>End the selected session (T)</source>
        <translation>结束所选会话（T）</translation>
    </message>
    <message>
        <location filename="../ui/database/database_panel.cpp" line="386"/>
        <source>Cancelling the query of %1…</source>
        <translation>正在取消 %1 的查询…</translation>
    </message>
    <message>
        <location filename="../ui/database/database_panel.cpp" line="387"/>
        <source>Terminating %1…</source>
        <translation>正在终止 %1…</translation>
    </message>
</context>
<context>
    <name>opsdeck::DeployHistoryModel</name>
    <message>
        <location filename="../models/deployment_model.cpp" line="257"/>
        <source>restart</source>
        <translation>重启</translation>
    </message>
    <message>
        <location filename="../models/deployment_model.cpp" line="277"/>
        <source>outside OpsDeck</source>
        <translation>OpsDeck 之外</translation>
    </message>
    <message>
        <location filename="../models/deployment_model.cpp" line="292"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../models/deployment_model.cpp" line="293"/>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <location filename="../models/deployment_model.cpp" line="294"/>
        <source>By</source>
        <translation>操作员</translation>
    </message>
</context>
<context>
    <name>opsdeck::DeploymentModel</name>
    <message>
        <location filename="../models/deployment_model.cpp" line="82"/>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <location filename="../models/deployment_model.cpp" line="83"/>
        <source>%1/%2, %3 healthy</source>
        <translation>%1/%2，%3 个健康</translation>
    </message>
    <message>
        <location filename="../models/deployment_model.cpp" line="85"/>
        <source>%1 ago</source>
        <translation>%1 前</translation>
    </message>
    <message>
        <location filename="../models/deployment_model.cpp" line="92"/>
        <source>standalone container %1</source>
        <translation>独立容器 %1</translation>
    </message>
    <message>
        <location filename="../models/deployment_model.cpp" line="92"/>
        <source>Compose project %1, service %2</source>
        <translation>Compose 项目 %1，服务 %2</translation>
    </message>
    <message>
        <location filename="../models/deployment_model.cpp" line="97"/>
        <source>Docker is not live: this is what it said last</source>
        <translation>Docker 未连接：这是它最后报告的状态</translation>
    </message>
    <message>
        <location filename="../models/deployment_model.cpp" line="122"/>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <location filename="../models/deployment_model.cpp" line="123"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../models/deployment_model.cpp" line="124"/>
        <source>Replicas</source>
        <translation>副本</translation>
    </message>
    <message>
        <location filename="../models/deployment_model.cpp" line="125"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../models/deployment_model.cpp" line="126"/>
        <source>Changed</source>
        <translation>变更于</translation>
    </message>
    <message>
        <location filename="../models/deployment_model.cpp" line="127"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>opsdeck::DeploymentsPanel</name>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="88"/>
        <location filename="../ui/deployments/deployments_panel.cpp" line="568"/>
        <location filename="../ui/deployments/deployments_panel.cpp" line="576"/>
        <source>Restart</source>
        <translation>重启</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="90"/>
        <location filename="../ui/deployments/deployments_panel.cpp" line="583"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="92"/>
        <location filename="../ui/deployments/deployments_panel.cpp" line="590"/>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="94"/>
        <source>Roll back…</source>
        <translation>回滚…</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="97"/>
        <source>Scale…</source>
        <translation>扩缩容…</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="99"/>
        <location filename="../ui/deployments/deployments_panel.cpp" line="519"/>
        <source>Pause rollout</source>
        <translation>暂停发布</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="113"/>
        <location filename="../ui/deployments/deployments_panel.cpp" line="117"/>
        <source>Replicas</source>
        <translation>副本</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="119"/>
        <location filename="../ui/deployments/deployments_panel.cpp" line="122"/>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="139"/>
        <source>Select a revision to see what it changed in the pod template; select two to compare them.</source>
        <translation>选择一个版本，查看它对 Pod 模板做了哪些修改；选择两个版本进行比较。</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="133"/>
        <location filename="../ui/deployments/deployments_panel.cpp" line="144"/>
        <source>Revisions</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="148"/>
        <source>Logs</source>
        <translation>日志</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="154"/>
        <source>Services</source>
        <translation>服务</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="170"/>
        <source>Versions</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Only %1 reads a Docker engine: give other profiles a &quot;docker&quot; object to compare their versions here.</source>
        <translation type="vanished">只有 %1 读取了 Docker 引擎：为其他配置添加 &quot;docker&quot; 对象，即可在此比较各环境的版本。</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="241"/>
        <source>Only %1 is read: give other profiles a &quot;docker&quot; or &quot;kubernetes&quot; object to compare their versions here.</source>
        <translation>只读取了 %1：为其他配置档添加 &quot;docker&quot; 或 &quot;kubernetes&quot; 对象，即可在此比较它们的版本。</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="243"/>
        <source>Every service runs the same version in every environment.</source>
        <translation>每个服务在所有环境中运行相同的版本。</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/deployments/deployments_panel.cpp" line="244"/>
        <source>%n service(s) run different versions in different environments (highlighted).</source>
        <translation>
            <numerusform>%n 个服务在不同环境中运行不同的版本（已高亮）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/deployments/deployments_panel.cpp" line="277"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n 个失败</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/deployments/deployments_panel.cpp" line="279"/>
        <source>%n degraded</source>
        <translation>
            <numerusform>%n 个降级</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/deployments/deployments_panel.cpp" line="281"/>
        <source>%n rolling</source>
        <translation>
            <numerusform>%n 个滚动更新中</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="291"/>
        <source>every namespace</source>
        <translation>所有命名空间</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="295"/>
        <source>Kubernetes %1 (%2), live</source>
        <translation>Kubernetes %1（%2），实时</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="300"/>
        <source>Kubernetes %1: %2; the rows are from %3 ago.</source>
        <translation>Kubernetes %1：%2；这些行是 %3 前的数据。</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="303"/>
        <source>Kubernetes %1 is not available (%2). The panel fills in when it answers.</source>
        <translation>Kubernetes %1 不可用（%2）。它响应后面板会自动填充。</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="306"/>
        <source>Connecting to Kubernetes %1 at %2…</source>
        <translation>正在连接 %2 上的 Kubernetes %1…</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="312"/>
        <source>(TLS not verified: insecure-skip-tls-verify)</source>
        <translation>（未验证 TLS：insecure-skip-tls-verify）</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="321"/>
        <source>No profile is open.</source>
        <translation>未打开任何配置。</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="337"/>
        <source>No Deployment in the namespaces watched.</source>
        <translation>所监视的命名空间中没有 Deployment。</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="338"/>
        <source>No Docker engine for %1: %2</source>
        <translation>%1 没有 Docker 引擎：%2</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="344"/>
        <source>Docker %1 at %2, live</source>
        <translation>Docker %1，位于 %2，实时</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="345"/>
        <source>Docker at %1 runs no container.</source>
        <translation>%1 上的 Docker 没有运行任何容器。</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="348"/>
        <source>Docker is not available for %1 (%2). The panel fills in when it answers.</source>
        <translation>%1 的 Docker 不可用（%2）。它响应后面板会自动填充。</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="349"/>
        <source>Docker is not available: %1</source>
        <translation>Docker 不可用：%1</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="355"/>
        <source>Reconnecting to Docker (%1); the rows are from %2 ago.</source>
        <translation>正在重新连接 Docker（%1）；这些行是 %2 前的数据。</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="358"/>
        <location filename="../ui/deployments/deployments_panel.cpp" line="359"/>
        <source>Connecting to Docker at %1…</source>
        <translation>正在连接 %1 上的 Docker…</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="429"/>
        <source>%1: the log stream ended (the container stopped)</source>
        <translation>%1：日志流已结束（容器已停止）</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="430"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/deployments/deployments_panel.cpp" line="433"/>
        <source>Following %n replica(s): the last %1 lines of each, then every new one.</source>
        <translation>
            <numerusform>正在跟踪 %n 个副本：每个显示最后 %1 行，然后显示每一条新行。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="519"/>
        <source>Resume rollout</source>
        <translation>恢复发布</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="522"/>
        <source>Profile %1 is read-only</source>
        <translation>配置 %1 为只读</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="523"/>
        <source>Docker is not live</source>
        <translation>Docker 未连接</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="523"/>
        <source>Kubernetes is not live</source>
        <translation>Kubernetes 未连接</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="524"/>
        <source>Another action is running</source>
        <translation>另一个操作正在进行</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="529"/>
        <source>The rollout is paused: resume it first</source>
        <translation>发布已暂停：请先恢复</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/deployments/deployments_panel.cpp" line="535"/>
        <source>%1 %n replica(s) of %2 in %3?</source>
        <translation>
            <numerusform>%1 %3 中 %2 的 %n 个副本？</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="569"/>
        <source>Restart every pod of %1? The Deployment rolls out new pods as for a new template (kubectl rollout restart), within its maxUnavailable and maxSurge.</source>
        <translation>重启 %1 的所有 Pod？Deployment 会像新模板一样滚动创建新 Pod（kubectl rollout restart），遵守其 maxUnavailable 和 maxSurge。</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="610"/>
        <location filename="../ui/deployments/deployments_panel.cpp" line="629"/>
        <source>Roll back</source>
        <translation>回滚</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="560"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="69"/>
        <source>Deployments</source>
        <translation>部署</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="165"/>
        <source>Versions in every environment</source>
        <translation>各环境中的版本</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="656"/>
        <source>ACK: %1 of %2 in %3 to %4 (OpsDeck), expired when it ends</source>
        <translation>ACK: %3 中 %2 的 %1，目标 %4（OpsDeck），结束时失效</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="687"/>
        <source>Scale %1</source>
        <translation>扩缩容 %1</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="688"/>
        <source>Replicas of %1 (now %2):</source>
        <translation>%1 的副本数（当前 %2）：</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="692"/>
        <location filename="../ui/deployments/deployments_panel.cpp" line="699"/>
        <source>Scale</source>
        <translation>扩缩容</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="700"/>
        <source>Scale %1 to 0? Every pod stops: the service is down until it is scaled up again.</source>
        <translation>将 %1 缩容到 0？所有 Pod 都会停止：在再次扩容之前服务不可用。</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="711"/>
        <source>Resume</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="711"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="712"/>
        <source>Resume the rollouts of %1? A template changed while paused rolls out now.</source>
        <translation>恢复 %1 的发布？暂停期间修改的模板会立即发布。</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="713"/>
        <source>Pause the rollouts of %1? Changes to its template wait until it is resumed; scaling still works.</source>
        <translation>暂停 %1 的发布？对其模板的修改会等到恢复后才生效；扩缩容仍然可用。</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="730"/>
        <source>Sent to %1 as a dry run first: nothing changes if the server refuses it.</source>
        <translation>先以试运行（dry run）发送到 %1：如果服务器拒绝，则不会有任何改变。</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="743"/>
        <source>ACK: %1 of %2 in %3 to revision %4 (OpsDeck), expired when it ends</source>
        <translation>ACK: %3 中 %2 的 %1，目标版本 %4（OpsDeck），结束时失效</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="782"/>
        <source>Revision %1 → revision %2</source>
        <translation>版本 %1 → 版本 %2</translation>
    </message>
    <message>
        <location filename="../ui/deployments/deployments_panel.cpp" line="782"/>
        <source>Revision %1</source>
        <translation>版本 %1</translation>
    </message>
</context>
<context>
    <name>opsdeck::DiscoveryDialog</name>
    <message>
        <location filename="../ui/setup/discovery_dialog.cpp" line="20"/>
        <source>Find services</source>
        <translation>查找服务</translation>
    </message>
    <message>
        <location filename="../ui/setup/discovery_dialog.cpp" line="22"/>
        <source>Find services from Prometheus</source>
        <translation>从 Prometheus 查找服务</translation>
    </message>
    <message>
        <location filename="../ui/setup/discovery_dialog.cpp" line="25"/>
        <source>Prometheus URL</source>
        <translation>Prometheus URL</translation>
    </message>
    <message>
        <location filename="../ui/setup/discovery_dialog.cpp" line="27"/>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../ui/setup/discovery_dialog.cpp" line="27"/>
        <source>Health endpoints</source>
        <translation>健康检查端点</translation>
    </message>
    <message>
        <location filename="../ui/setup/discovery_dialog.cpp" line="27"/>
        <source>Scrape</source>
        <translation>抓取</translation>
    </message>
    <message>
        <location filename="../ui/setup/discovery_dialog.cpp" line="28"/>
        <source>Targets found</source>
        <translation>找到的目标</translation>
    </message>
    <message>
        <location filename="../ui/setup/discovery_dialog.cpp" line="32"/>
        <source>Prometheus knows what it scrapes. OpsDeck asks it, then checks /health, /health/live and /health/ready on each target. Tick what to watch.</source>
        <translation>Prometheus 知道它在抓取什么。OpsDeck 向它询问，然后在每个目标上检查 /health、/health/live 和 /health/ready。请勾选要监视的项。</translation>
    </message>
    <message>
        <location filename="../ui/setup/discovery_dialog.cpp" line="36"/>
        <source>Prometheus:</source>
        <translation>Prometheus：</translation>
    </message>
    <message>
        <location filename="../ui/setup/discovery_dialog.cpp" line="40"/>
        <source>Add the ticked ones</source>
        <translation>添加已勾选项</translation>
    </message>
    <message>
        <location filename="../ui/setup/discovery_dialog.cpp" line="64"/>
        <source>Give Prometheus&apos;s http(s) URL, e.g. http://prometheus:9090.</source>
        <translation>请提供 Prometheus 的 http(s) URL，例如 http://prometheus:9090。</translation>
    </message>
    <message>
        <location filename="../ui/setup/discovery_dialog.cpp" line="69"/>
        <source>Asking %1 for its targets…</source>
        <translation>正在向 %1 查询其目标…</translation>
    </message>
    <message>
        <location filename="../ui/setup/discovery_dialog.cpp" line="78"/>
        <source>No answer: %1</source>
        <translation>无响应：%1</translation>
    </message>
    <message>
        <location filename="../ui/setup/discovery_dialog.cpp" line="88"/>
        <source>job %1</source>
        <translation>作业 %1</translation>
    </message>
    <message>
        <location filename="../ui/setup/discovery_dialog.cpp" line="99"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../ui/setup/discovery_dialog.cpp" line="108"/>
        <source>Alertmanagers Prometheus sends to</source>
        <translation>Prometheus 发送告警的 Alertmanager</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/setup/discovery_dialog.cpp" line="125"/>
        <source>%n target(s) found; the %1 that answer a health endpoint are ticked. Exporters and Prometheus itself are left out unless you tick them.</source>
        <translation>
            <numerusform>找到 %n 个目标；已勾选响应健康检查端点的 %1 个。导出器和 Prometheus 本身不会加入，除非你勾选它们。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>opsdeck::FirstRun</name>
    <message>
        <location filename="../ui/setup/first_run.cpp" line="67"/>
        <source>Welcome to OpsDeck</source>
        <translation>欢迎使用 OpsDeck</translation>
    </message>
    <message>
        <location filename="../ui/setup/first_run.cpp" line="69"/>
        <source>&lt;h1&gt;Welcome to OpsDeck&lt;/h1&gt;</source>
        <translation>&lt;h1&gt;欢迎使用 OpsDeck&lt;/h1&gt;</translation>
    </message>
    <message>
        <location filename="../ui/setup/first_run.cpp" line="71"/>
        <source>Tell OpsDeck where your systems are. Everything you add is kept in %1, the file opsdeck-cli reads too; passwords stay in your keychain, an environment variable or ~/.pgpass, never in the file.</source>
        <translation>告诉 OpsDeck 你的系统在哪里。你添加的一切都保存在 %1 中，opsdeck-cli 也读取该文件；密码保存在钥匙串、环境变量或 ~/.pgpass 中，绝不写入该文件。</translation>
    </message>
    <message>
        <location filename="../ui/setup/first_run.cpp" line="77"/>
        <source>Find my services from Prometheus…</source>
        <translation>从 Prometheus 查找我的服务…</translation>
    </message>
    <message>
        <location filename="../ui/setup/first_run.cpp" line="78"/>
        <source>Prometheus knows what it scrapes: tick the services to watch.</source>
        <translation>Prometheus 知道它在抓取什么：勾选要监视的服务即可。</translation>
    </message>
    <message>
        <location filename="../ui/setup/first_run.cpp" line="79"/>
        <source>Create a profile…</source>
        <translation>创建配置档…</translation>
    </message>
    <message>
        <location filename="../ui/setup/first_run.cpp" line="80"/>
        <source>Services, Alertmanagers, databases, Docker and Kubernetes, each tested as you add it.</source>
        <translation>服务、Alertmanager、数据库、Docker 和 Kubernetes，添加时逐一测试。</translation>
    </message>
    <message>
        <location filename="../ui/setup/first_run.cpp" line="82"/>
        <source>Import a profile…</source>
        <translation>导入配置档…</translation>
    </message>
    <message>
        <location filename="../ui/setup/first_run.cpp" line="82"/>
        <source>A file exported from another OpsDeck.</source>
        <translation>从另一个 OpsDeck 导出的文件。</translation>
    </message>
    <message>
        <location filename="../ui/setup/first_run.cpp" line="83"/>
        <source>Open the demo environment</source>
        <translation>打开演示环境</translation>
    </message>
    <message>
        <location filename="../ui/setup/first_run.cpp" line="84"/>
        <source>Not running here: ./demo.sh in a clone of OpsDeck starts it.</source>
        <translation>本机未运行：在 OpsDeck 仓库中运行 ./demo.sh 即可启动。</translation>
    </message>
    <message>
        <location filename="../ui/setup/first_run.cpp" line="85"/>
        <source>Demo services, Prometheus, Alertmanager and PostgreSQL on this machine.</source>
        <translation>本机上的演示服务、Prometheus、Alertmanager 和 PostgreSQL。</translation>
    </message>
    <message>
        <location filename="../ui/setup/first_run.cpp" line="114"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../ui/setup/first_run.cpp" line="148"/>
        <source>Import a profile</source>
        <translation>导入配置档</translation>
    </message>
    <message>
        <location filename="../ui/setup/first_run.cpp" line="149"/>
        <source>OpsDeck profiles (*.json)</source>
        <translation>OpsDeck 配置档 (*.json)</translation>
    </message>
    <message>
        <location filename="../ui/setup/first_run.cpp" line="155"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../ui/setup/first_run.cpp" line="161"/>
        <source>%1 holds no profile.</source>
        <translation>%1 中没有配置档。</translation>
    </message>
</context>
<context>
    <name>opsdeck::HealthModel</name>
    <message numerus="yes">
        <location filename="../models/health_model.cpp" line="223"/>
        <source>%n s ago</source>
        <translation>
            <numerusform>%n 秒前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../models/health_model.cpp" line="225"/>
        <source>%n min ago</source>
        <translation>
            <numerusform>%n 分钟前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../models/health_model.cpp" line="227"/>
        <source>%n h ago</source>
        <translation>
            <numerusform>%n 小时前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../models/health_model.cpp" line="228"/>
        <source>%n d ago</source>
        <translation>
            <numerusform>%n 天前</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="254"/>
        <source>%1 · TLS not verified</source>
        <translation>%1 · 未验证 TLS</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="256"/>
        <source>The profile turns TLS certificate verification off for this service (insecure_skip_verify): its answers could come from anyone on the path.</source>
        <translation>该配置档对此服务关闭了 TLS 证书验证（insecure_skip_verify）：其响应可能来自路径上的任何人。</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="262"/>
        <source>no answer</source>
        <translation>无响应</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="262"/>
        <source>checking…</source>
        <translation>检查中…</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="265"/>
        <source> · flapping</source>
        <translation> · 抖动</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="267"/>
        <source> · stale</source>
        <translation> · 已过期</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="273"/>
        <source>%1 since %2</source>
        <translation>自 %2 起为%1</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="276"/>
        <source>No answer for more than two polling intervals: this is the last known state.</source>
        <translation>超过两个轮询周期没有响应：这是最后已知的状态。</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="278"/>
        <source>Changed state %1 times in the last 10 minutes.</source>
        <translation>过去 10 分钟内状态变化了 %1 次。</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="298"/>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="311"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="315"/>
        <source>Last known state, from before the console was restarted: %1</source>
        <translation>最后已知状态，来自控制台重启之前：%1</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="374"/>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="375"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="376"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="377"/>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="378"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="379"/>
        <source>Last check</source>
        <translation>上次检查</translation>
    </message>
</context>
<context>
    <name>opsdeck::HealthNotifier</name>
    <message>
        <location filename="../ui/health/health_notifier.cpp" line="33"/>
        <source>%1 is %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../ui/health/health_notifier.cpp" line="34"/>
        <source>%1 recovered</source>
        <translation>%1 已恢复</translation>
    </message>
    <message>
        <location filename="../ui/health/health_notifier.cpp" line="35"/>
        <source>Now %1 (was %2).</source>
        <translation>现在为%1（之前为%2）。</translation>
    </message>
</context>
<context>
    <name>opsdeck::HealthPanel</name>
    <message>
        <location filename="../ui/health/health_panel.cpp" line="42"/>
        <source>Filter services, reasons, versions…</source>
        <translation>筛选服务、原因、版本…</translation>
    </message>
    <message>
        <location filename="../ui/health/health_panel.cpp" line="44"/>
        <source>Filter services</source>
        <translation>过滤服务</translation>
    </message>
    <message>
        <location filename="../ui/health/health_panel.cpp" line="46"/>
        <source>Check now</source>
        <translation>立即检查</translation>
    </message>
    <message>
        <location filename="../ui/health/health_panel.cpp" line="47"/>
        <source>Check every service&apos;s health endpoints now</source>
        <translation>立即检查所有服务的健康端点</translation>
    </message>
    <message>
        <location filename="../ui/health/health_panel.cpp" line="60"/>
        <source>Services and their health</source>
        <translation>服务及其健康状态</translation>
    </message>
    <message>
        <location filename="../ui/health/health_panel.cpp" line="75"/>
        <source>Health history of the selected service</source>
        <translation>所选服务的健康历史</translation>
    </message>
    <message>
        <location filename="../ui/health/health_panel.cpp" line="152"/>
        <source>Select a service to see its state changes.</source>
        <translation>选择一个服务以查看其状态变化。</translation>
    </message>
    <message>
        <location filename="../ui/health/health_panel.cpp" line="153"/>
        <source>State changes of %1</source>
        <translation>%1 的状态变化</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/health/health_panel.cpp" line="210"/>
        <source>%n stale</source>
        <translation>
            <numerusform>%n 个已过期</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>opsdeck::HealthTransitionModel</name>
    <message>
        <location filename="../models/health_transition_model.cpp" line="83"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../models/health_transition_model.cpp" line="84"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../models/health_transition_model.cpp" line="85"/>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <location filename="../models/health_transition_model.cpp" line="86"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>opsdeck::KubeRevisionModel</name>
    <message>
        <source>Runs now</source>
        <translation type="vanished">当前运行</translation>
    </message>
    <message>
        <location filename="../models/kube_revision_model.cpp" line="39"/>
        <source>ReplicaSet %1; runs now</source>
        <translation>ReplicaSet %1；当前运行</translation>
    </message>
    <message>
        <location filename="../models/kube_revision_model.cpp" line="39"/>
        <source>ReplicaSet %1</source>
        <translation>ReplicaSet %1</translation>
    </message>
    <message>
        <location filename="../models/kube_revision_model.cpp" line="43"/>
        <source>%1 (now)</source>
        <translation>%1（当前）</translation>
    </message>
    <message>
        <location filename="../models/kube_revision_model.cpp" line="45"/>
        <source>(none given)</source>
        <translation>（未提供）</translation>
    </message>
    <message>
        <location filename="../models/kube_revision_model.cpp" line="57"/>
        <source>Revision</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../models/kube_revision_model.cpp" line="58"/>
        <source>Image</source>
        <translation>镜像</translation>
    </message>
    <message>
        <location filename="../models/kube_revision_model.cpp" line="59"/>
        <source>Change cause</source>
        <translation>变更原因</translation>
    </message>
    <message>
        <location filename="../models/kube_revision_model.cpp" line="60"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>ReplicaSet</source>
        <translation type="vanished">ReplicaSet</translation>
    </message>
</context>
<context>
    <name>opsdeck::KubeRollbackDialog</name>
    <message>
        <location filename="../ui/deployments/kube_rollback_dialog.cpp" line="22"/>
        <source>Roll back %1</source>
        <translation>回滚 %1</translation>
    </message>
    <message>
        <location filename="../ui/deployments/kube_rollback_dialog.cpp" line="26"/>
        <location filename="../ui/deployments/kube_rollback_dialog.cpp" line="37"/>
        <source>revision %1: %2</source>
        <translation>版本 %1：%2</translation>
    </message>
    <message>
        <location filename="../ui/deployments/kube_rollback_dialog.cpp" line="29"/>
        <source>Runs now:</source>
        <translation>当前运行：</translation>
    </message>
    <message>
        <location filename="../ui/deployments/kube_rollback_dialog.cpp" line="44"/>
        <source>Roll back to:</source>
        <translation>回滚到：</translation>
    </message>
    <message>
        <location filename="../ui/deployments/kube_rollback_dialog.cpp" line="47"/>
        <source>Why: kept as the new revision&apos;s change-cause and in the audit log</source>
        <translation>原因：记录为新版本的变更原因，并写入审计日志</translation>
    </message>
    <message>
        <location filename="../ui/deployments/kube_rollback_dialog.cpp" line="48"/>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <location filename="../ui/deployments/kube_rollback_dialog.cpp" line="57"/>
        <source>%1 is managed by %2: it will put its own template back unless its sync is paused first. Roll back in Git, or pause the sync, for a rollback that stays.</source>
        <translation>%1 由 %2 管理：除非先暂停其同步，否则它会恢复自己的模板。要让回滚保持有效，请在 Git 中回滚，或暂停同步。</translation>
    </message>
    <message>
        <location filename="../ui/deployments/kube_rollback_dialog.cpp" line="71"/>
        <source>Silence in Alertmanager during the rollout:</source>
        <translation>发布期间在 Alertmanager 中静默：</translation>
    </message>
    <message>
        <location filename="../ui/deployments/kube_rollback_dialog.cpp" line="75"/>
        <source>Roll back</source>
        <translation>回滚</translation>
    </message>
    <message>
        <location filename="../ui/deployments/kube_rollback_dialog.cpp" line="138"/>
        <source>%1 is paused: resume it first (a paused Deployment rolls nothing out).</source>
        <translation>%1 已暂停：请先恢复（暂停的 Deployment 不会发布任何内容）。</translation>
    </message>
    <message>
        <location filename="../ui/deployments/kube_rollback_dialog.cpp" line="140"/>
        <source>%1 keeps no other revision to go back to.</source>
        <translation>%1 没有其他可回滚的版本。</translation>
    </message>
    <message>
        <location filename="../ui/deployments/kube_rollback_dialog.cpp" line="142"/>
        <source>Revision %1 has the template that runs now: nothing would change.</source>
        <translation>版本 %1 的模板就是当前运行的模板：不会有任何改变。</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/deployments/kube_rollback_dialog.cpp" line="146"/>
        <source>From revision %1 to revision %2: %n line(s) of the pod template change (red goes, green comes). The Deployment then rolls out as for any new template.</source>
        <translation>
            <numerusform>从版本 %1 到版本 %2：Pod 模板有 %n 行变化（红色移除，绿色加入）。随后 Deployment 会像新模板一样发布。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/deployments/kube_rollback_dialog.cpp" line="160"/>
        <source>Give a reason: it is kept as the new revision&apos;s change-cause</source>
        <translation>请填写原因：它会记录为新版本的变更原因</translation>
    </message>
</context>
<context>
    <name>opsdeck::Launcher</name>
    <message>
        <location filename="../ui/setup/launcher.cpp" line="29"/>
        <source>OpsDeck cannot start</source>
        <translation>OpsDeck 无法启动</translation>
    </message>
    <message>
        <location filename="../ui/setup/launcher.cpp" line="42"/>
        <source>The configuration could not be loaded:</source>
        <translation>无法加载配置：</translation>
    </message>
    <message>
        <location filename="../ui/setup/launcher.cpp" line="43"/>
        <source>`opsdeck-cli config validate` checks it; the format: %1</source>
        <translation>可用 `opsdeck-cli config validate` 检查；格式说明：%1</translation>
    </message>
    <message>
        <location filename="../ui/setup/launcher.cpp" line="93"/>
        <source>%1: no profile named &quot;%2&quot; (have: %3).</source>
        <translation>%1：没有名为“%2”的配置档（现有：%3）。</translation>
    </message>
</context>
<context>
    <name>opsdeck::LogEntryModel</name>
    <message>
        <location filename="../models/log_entry_model.cpp" line="33"/>
        <source>%1 ago</source>
        <translation>%1 前</translation>
    </message>
    <message>
        <location filename="../models/log_entry_model.cpp" line="61"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../models/log_entry_model.cpp" line="62"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../models/log_entry_model.cpp" line="63"/>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <location filename="../models/log_entry_model.cpp" line="64"/>
        <source>Message</source>
        <translation>消息</translation>
    </message>
</context>
<context>
    <name>opsdeck::LogView</name>
    <message>
        <location filename="../widgets/log_view.cpp" line="25"/>
        <source>Search the logs</source>
        <translation>搜索日志</translation>
    </message>
    <message>
        <location filename="../widgets/log_view.cpp" line="26"/>
        <source>Search the lines (Enter: the one before)</source>
        <translation>搜索日志行（回车：上一个匹配）</translation>
    </message>
    <message>
        <location filename="../widgets/log_view.cpp" line="138"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../widgets/log_view.cpp" line="139"/>
        <source>Hold new lines so the one being read stays put</source>
        <translation>暂存新行，让正在阅读的行保持不动</translation>
    </message>
    <message>
        <location filename="../widgets/log_view.cpp" line="141"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/log_view.cpp" line="141"/>
        <source>Resume (%n new)</source>
        <translation>
            <numerusform>继续（%n 条新行）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/log_view.cpp" line="142"/>
        <source>New lines are held until you resume</source>
        <translation>新行会暂存，直到你继续</translation>
    </message>
    <message>
        <location filename="../widgets/log_view.cpp" line="174"/>
        <source>no match</source>
        <translation>无匹配</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/log_view.cpp" line="174"/>
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n 个匹配</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>opsdeck::MainWindow</name>
    <message>
        <location filename="../ui/main_window.cpp" line="65"/>
        <location filename="../ui/main_window.cpp" line="540"/>
        <source>Health</source>
        <translation>健康状况</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="67"/>
        <source>Dashboards</source>
        <translation>仪表盘</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="71"/>
        <location filename="../ui/main_window.cpp" line="563"/>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="74"/>
        <location filename="../ui/main_window.cpp" line="96"/>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="78"/>
        <location filename="../ui/main_window.cpp" line="99"/>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="83"/>
        <location filename="../ui/main_window.cpp" line="107"/>
        <source>Deployments</source>
        <translation>部署</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="96"/>
        <source>Database — %1</source>
        <translation>数据库 — %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="99"/>
        <source>Backups — %1</source>
        <translation>备份 — %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="107"/>
        <source>Deployments — %1</source>
        <translation>部署 — %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="170"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="171"/>
        <source>&amp;New profile…</source>
        <translation>新建配置档(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="172"/>
        <source>&amp;Edit profile…</source>
        <translation>编辑配置档(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="173"/>
        <source>&amp;Switch profile…</source>
        <translation>切换配置档(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="177"/>
        <source>I&amp;mport profile…</source>
        <translation>导入配置档(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="178"/>
        <source>E&amp;xport profile…</source>
        <translation>导出配置档(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="180"/>
        <source>&amp;Import Grafana dashboard…</source>
        <translation>导入 Grafana 仪表盘(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="182"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="185"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="186"/>
        <source>&amp;Command palette…</source>
        <translation>命令面板(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="193"/>
        <source>Go to %1</source>
        <translation>转到 %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="197"/>
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="201"/>
        <source>&amp;Lock panels</source>
        <translation>锁定面板(&amp;L)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="205"/>
        <source>&amp;Reset layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="206"/>
        <source>&amp;Wall mode</source>
        <translation>墙屏模式(&amp;W)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="215"/>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="218"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="218"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="218"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="231"/>
        <source>&amp;Next theme</source>
        <translation>下一个主题(&amp;N)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="239"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="242"/>
        <source>The system&apos;s</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="251"/>
        <source>The language changes when OpsDeck is started again.</source>
        <translation>语言将在 OpsDeck 下次启动时更改。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="255"/>
        <source>&amp;Notifications</source>
        <translation>通知(&amp;N)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="256"/>
        <source>Notify when a service goes down or recovers</source>
        <translation>服务宕机或恢复时通知</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="269"/>
        <source>Notify about new critical alerts</source>
        <translation>新的严重告警时通知</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="270"/>
        <source>Notify about new warning alerts</source>
        <translation>新的警告告警时通知</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="271"/>
        <source>Notify about new info alerts</source>
        <translation>新的信息告警时通知</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="287"/>
        <source>Play a sound with alert notifications</source>
        <translation>告警通知时播放声音</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="296"/>
        <location filename="../ui/main_window.cpp" line="577"/>
        <source>Do not disturb</source>
        <translation>请勿打扰</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="308"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="309"/>
        <source>&amp;Documentation</source>
        <translation>文档(&amp;D)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="314"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="315"/>
        <source>&amp;About OpsDeck</source>
        <translation>关于 OpsDeck(&amp;A)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="316"/>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="321"/>
        <source>Profile</source>
        <translation>配置档</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="324"/>
        <source>Profile: </source>
        <translation>配置档：</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="369"/>
        <source>Last known state, %1 old</source>
        <translation>最后已知状态，%1 前</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="370"/>
        <source>Until the sources answer, the panels show what the console last saw, at %1. Rows from then are marked stale.</source>
        <translation>在数据源应答之前，各面板显示控制台在 %1 最后看到的内容。来自那时的行标记为过时。</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window.cpp" line="381"/>
        <source>TLS not verified: %n endpoint(s)</source>
        <translation>
            <numerusform>TLS 未验证：%n 个端点</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="382"/>
        <source>The profile turns TLS certificate verification off (insecure_skip_verify) for:
%1
Their answers could come from anyone on the path.</source>
        <translation>配置文件为以下端点关闭了 TLS 证书验证（insecure_skip_verify）：
%1
它们的应答可能来自路径上的任何人。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="391"/>
        <source>Metrics: no targets</source>
        <translation>指标：无目标</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="405"/>
        <source>Metrics: %1/%2 targets up</source>
        <translation>指标：%1/%2 个目标正常</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="466"/>
        <source>read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="466"/>
        <source>read-write</source>
        <translation>读写</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="467"/>
        <source>%1 · %2 · operator %3</source>
        <translation>%1 · %2 · 操作员 %3</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="468"/>
        <source>OpsDeck — %1</source>
        <translation>OpsDeck — %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="497"/>
        <source>restart</source>
        <translation>重启</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="517"/>
        <source>%1, %2 before it started</source>
        <translation>%1，在告警开始前 %2</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="536"/>
        <source>Health: no health endpoints configured</source>
        <translation>健康：未配置健康检查端点</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="537"/>
        <source>Health: waiting for answers</source>
        <translation>健康：等待响应</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="538"/>
        <source>Health: %1</source>
        <translation>健康：%1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="540"/>
        <source>Health — %1</source>
        <translation>健康状况 — %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="555"/>
        <source>Alerts: waiting</source>
        <translation>告警：等待中</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="555"/>
        <source>Alerts: %1</source>
        <translation>告警：%1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="563"/>
        <source>Alerts — %1</source>
        <translation>告警 — %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="693"/>
        <source>A backup job is running</source>
        <translation>有备份任务正在运行</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="694"/>
        <source>Running now: %1.

Closing OpsDeck stops it: a backup is discarded, a restore leaves its target as it was.</source>
        <translation>正在运行：%1。

关闭 OpsDeck 会停止它：备份将被丢弃，恢复会让目标保持原样。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="704"/>
        <source>A rollout is running</source>
        <translation>正在进行滚动操作</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="705"/>
        <source>Closing OpsDeck now can leave a replica stopped or renamed halfway. Wait for the rollout to end?</source>
        <translation>现在关闭 OpsDeck 可能使某个副本停在已停止或已改名的中间状态。要等待操作结束吗？</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="722"/>
        <location filename="../ui/main_window.cpp" line="728"/>
        <location filename="../ui/main_window.cpp" line="733"/>
        <location filename="../ui/main_window.cpp" line="742"/>
        <location filename="../ui/main_window.cpp" line="745"/>
        <source>Import Grafana dashboard</source>
        <translation>导入 Grafana 仪表盘</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="723"/>
        <source>Grafana dashboard (*.json)</source>
        <translation>Grafana 仪表盘 (*.json)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="728"/>
        <source>%1: cannot read: %2</source>
        <translation>%1：无法读取：%2</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="734"/>
        <location filename="../ui/main_window.cpp" line="828"/>
        <location filename="../ui/main_window.cpp" line="857"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="734"/>
        <source>no panel OpsDeck can draw</source>
        <translation>没有 OpsDeck 能绘制的面板</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="743"/>
        <source>The panels ask Prometheus, and this profile has none: add &quot;prometheus&quot; to it.</source>
        <translation>这些面板需要查询 Prometheus，而此配置档没有：请在其中添加 &quot;prometheus&quot;。</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window.cpp" line="746"/>
        <source>Imported %n panel(s). Not imported:</source>
        <translation>
            <numerusform>已导入 %n 个面板。未导入：</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="752"/>
        <source>About OpsDeck</source>
        <translation>关于 OpsDeck</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="753"/>
        <source>&lt;h3&gt;OpsDeck %1&lt;/h3&gt;&lt;p&gt;A native operations console. Panels in this version: %2.&lt;/p&gt;&lt;p&gt;Built with Qt %3. Configuration: &lt;tt&gt;%4&lt;/tt&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;OpsDeck %1&lt;/h3&gt;&lt;p&gt;原生运维控制台。本版本的面板：%2。&lt;/p&gt;&lt;p&gt;基于 Qt %3 构建。配置文件：&lt;tt&gt;%4&lt;/tt&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="772"/>
        <source>Configuration reloaded from %1</source>
        <translation>已从 %1 重新加载配置</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="776"/>
        <source>The configuration has errors; the running profile is kept: %1</source>
        <translation>配置有错误；保留当前运行的配置档：%1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="804"/>
        <source>The configuration has errors</source>
        <translation>配置有错误</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="805"/>
        <source>%1 does not load, so it is not rewritten:
%2</source>
        <translation>%1 无法加载，因此不会被改写：
%2</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="809"/>
        <source>Notifications on this machine</source>
        <translation>本机通知</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="821"/>
        <source>Import a profile</source>
        <translation>导入配置档</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="821"/>
        <location filename="../ui/main_window.cpp" line="852"/>
        <source>OpsDeck profiles (*.json)</source>
        <translation>OpsDeck 配置档 (*.json)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="830"/>
        <source>%1 has errors; it is not rewritten.</source>
        <translation>%1 有错误；不会被改写。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="837"/>
        <source>Not imported</source>
        <translation>未导入</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="840"/>
        <source>Imported %1</source>
        <translation>已导入 %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="848"/>
        <location filename="../ui/main_window.cpp" line="857"/>
        <source>Not exported</source>
        <translation>未导出</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="848"/>
        <source>%1 has no profile %2.</source>
        <translation>%1 中没有配置档 %2。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="851"/>
        <source>Export profile</source>
        <translation>导出配置档</translation>
    </message>
    <message>
        <source>on</source>
        <translation type="vanished">开</translation>
    </message>
    <message>
        <source>off</source>
        <translation type="vanished">关</translation>
    </message>
    <message>
        <source>Dashboard of %1</source>
        <translation type="vanished">%1 的仪表盘</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="900"/>
        <source>In the command palette: type to filter, ↑ ↓ to choose, Enter to run, Esc to close.</source>
        <translation>在命令面板中：输入以过滤，↑ ↓ 选择，Enter 执行，Esc 关闭。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="901"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>&lt;h3&gt;OpsDeck %1&lt;/h3&gt;&lt;p&gt;A native operations console: health, metrics, alerts, databases, backups and deployments in one calm window.&lt;/p&gt;&lt;p&gt;Built with Qt %2. Configuration: &lt;tt&gt;%3&lt;/tt&gt;&lt;/p&gt;</source>
        <translation type="vanished">&lt;h3&gt;OpsDeck %1&lt;/h3&gt;&lt;p&gt;原生运维控制台：健康、指标、告警、数据库、备份与部署，尽在一个安静的窗口中。&lt;/p&gt;&lt;p&gt;基于 Qt %2 构建。配置文件：&lt;tt&gt;%3&lt;/tt&gt;&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>opsdeck::MonitoringTab</name>
    <message>
        <location filename="../ui/database/monitoring_tab.cpp" line="45"/>
        <source>Failing quality checks</source>
        <translation>未通过的质量检查</translation>
    </message>
    <message>
        <location filename="../ui/database/monitoring_tab.cpp" line="54"/>
        <source>Recent errors</source>
        <translation>最近的错误</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/database/monitoring_tab.cpp" line="79"/>
        <source>Data quality: %n check(s) failing</source>
        <translation>
            <numerusform>数据质量：%n 项检查失败</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/database/monitoring_tab.cpp" line="80"/>
        <source>Data quality: every check passes</source>
        <translation>数据质量：所有检查均通过</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/database/monitoring_tab.cpp" line="83"/>
        <source>The last %n ERROR (or worse) line(s) of %1</source>
        <translation>
            <numerusform>%1 中最近 %n 条 ERROR（或更严重）日志</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>opsdeck::ProfileEditor</name>
    <message>
        <location filename="../ui/setup/profile_editor.cpp" line="31"/>
        <source>Read-only: no operator action</source>
        <translation>只读：不执行任何运维操作</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_editor.cpp" line="33"/>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_editor.cpp" line="33"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_editor.cpp" line="37"/>
        <source>New profile</source>
        <translation>新建配置档</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_editor.cpp" line="37"/>
        <source>Profile %1</source>
        <translation>配置档 %1</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_editor.cpp" line="49"/>
        <source>Profile name</source>
        <translation>配置档名称</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_editor.cpp" line="50"/>
        <source>prod, staging…</source>
        <translation>prod、staging…</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_editor.cpp" line="52"/>
        <location filename="../ui/setup/profile_editor.cpp" line="68"/>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_editor.cpp" line="55"/>
        <source>Environment colour</source>
        <translation>环境颜色</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_editor.cpp" line="58"/>
        <source>No colour</source>
        <translation>无颜色</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_editor.cpp" line="67"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_editor.cpp" line="70"/>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_editor.cpp" line="75"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_editor.cpp" line="76"/>
        <source>Add a source</source>
        <translation>添加数据源</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_editor.cpp" line="88"/>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_editor.cpp" line="89"/>
        <source>Find sources</source>
        <translation>查找数据源</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_editor.cpp" line="92"/>
        <source>Services from Prometheus…</source>
        <translation>来自 Prometheus 的服务…</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_editor.cpp" line="93"/>
        <source>Databases from ~/.pgpass…</source>
        <translation>来自 ~/.pgpass 的数据库…</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_editor.cpp" line="94"/>
        <source>Clusters from kubeconfig…</source>
        <translation>来自 kubeconfig 的集群…</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_editor.cpp" line="95"/>
        <source>Docker on this machine</source>
        <translation>本机 Docker</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_editor.cpp" line="104"/>
        <source>Sources</source>
        <translation>数据源</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_editor.cpp" line="118"/>
        <source>Test result</source>
        <translation>测试结果</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_editor.cpp" line="140"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_editor.cpp" line="179"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_editor.cpp" line="190"/>
        <source>Colour of this environment</source>
        <translation>此环境的颜色</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_editor.cpp" line="220"/>
        <source>Add your services, Prometheus, Alertmanagers, databases and clusters, or let Find ask your Prometheus what it scrapes, ~/.pgpass and your kubeconfig what they know.</source>
        <translation>添加你的服务、Prometheus、Alertmanager、数据库和集群，或用“查找”向 Prometheus 询问它抓取的目标，向 ~/.pgpass 和 kubeconfig 询问它们所知的内容。</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_editor.cpp" line="286"/>
        <source>Databases from %1</source>
        <translation>来自 %1 的数据库</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_editor.cpp" line="287"/>
        <source>%1 names no database (lines with * for the database are skipped).</source>
        <translation>%1 中没有指定数据库（数据库为 * 的行已跳过）。</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_editor.cpp" line="288"/>
        <source>The password stays in %1: OpsDeck reads it there (&quot;pgpass&quot;).</source>
        <translation>密码保留在 %1 中：OpsDeck 从那里读取（&quot;pgpass&quot;）。</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_editor.cpp" line="305"/>
        <source>%1 (namespace %2)</source>
        <translation>%1（命名空间 %2）</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_editor.cpp" line="307"/>
        <source>Clusters from kubeconfig</source>
        <translation>来自 kubeconfig 的集群</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_editor.cpp" line="308"/>
        <source>A profile watches one cluster; its Deployments show in the Deployments panel.</source>
        <translation>一个配置档监视一个集群；其 Deployment 显示在“部署”面板中。</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_editor.cpp" line="347"/>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_editor.cpp" line="367"/>
        <source>nothing to test</source>
        <translation>没有可测试的内容</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_editor.cpp" line="416"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_editor.cpp" line="429"/>
        <source>The profile needs a name.</source>
        <translation>配置档需要名称。</translation>
    </message>
    <message>
        <location filename="../ui/setup/profile_editor.cpp" line="432"/>
        <source>A profile named &quot;%1&quot; exists.</source>
        <translation>已存在名为“%1”的配置档。</translation>
    </message>
</context>
<context>
    <name>opsdeck::QualityCheckModel</name>
    <message>
        <location filename="../models/quality_check_model.cpp" line="40"/>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../models/quality_check_model.cpp" line="40"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../models/quality_check_model.cpp" line="41"/>
        <source>%1 ago</source>
        <translation>%1 前</translation>
    </message>
    <message>
        <location filename="../models/quality_check_model.cpp" line="69"/>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../models/quality_check_model.cpp" line="70"/>
        <source>Table</source>
        <translation>表</translation>
    </message>
    <message>
        <location filename="../models/quality_check_model.cpp" line="71"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../models/quality_check_model.cpp" line="72"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../models/quality_check_model.cpp" line="73"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>opsdeck::QueriesTab</name>
    <message>
        <location filename="../ui/database/queries_tab.cpp" line="32"/>
        <source>Last 5 minutes</source>
        <translation>最近 5 分钟</translation>
    </message>
    <message>
        <location filename="../ui/database/queries_tab.cpp" line="33"/>
        <source>Last 15 minutes</source>
        <translation>最近 15 分钟</translation>
    </message>
    <message>
        <location filename="../ui/database/queries_tab.cpp" line="34"/>
        <source>Last 60 minutes</source>
        <translation>最近 60 分钟</translation>
    </message>
    <message>
        <location filename="../ui/database/queries_tab.cpp" line="35"/>
        <source>Since the statistics reset</source>
        <translation>自统计重置以来</translation>
    </message>
    <message>
        <location filename="../ui/database/queries_tab.cpp" line="52"/>
        <source>Top queries</source>
        <translation>最耗时查询</translation>
    </message>
    <message>
        <location filename="../ui/database/queries_tab.cpp" line="90"/>
        <source>Reading pg_stat_statements…</source>
        <translation>正在读取 pg_stat_statements…</translation>
    </message>
    <message>
        <location filename="../ui/database/queries_tab.cpp" line="104"/>
        <source>Cumulative since the statistics were reset, %1 ago.</source>
        <translation>自 %1 前统计重置以来的累计值。</translation>
    </message>
    <message>
        <location filename="../ui/database/queries_tab.cpp" line="106"/>
        <source>A window needs two samples of pg_stat_statements: the first difference comes within a minute.</source>
        <translation>时间窗口需要两次 pg_stat_statements 采样：第一个差值将在一分钟内得到。</translation>
    </message>
    <message>
        <location filename="../ui/database/queries_tab.cpp" line="108"/>
        <source>Only the last %1 so far: OpsDeck has been watching (or the statistics were reset) for that long.</source>
        <translation>目前只有最近 %1：OpsDeck 观察了这么久（或统计在此期间被重置）。</translation>
    </message>
    <message>
        <location filename="../ui/database/queries_tab.cpp" line="111"/>
        <source>What ran in the last %1, from the difference between two samples.</source>
        <translation>最近 %1 内运行的查询，由两次采样之差得出。</translation>
    </message>
    <message>
        <location filename="../ui/database/queries_tab.cpp" line="113"/>
        <source>The statistics were reset while OpsDeck watched: counted from the reset.</source>
        <translation>统计在 OpsDeck 观察期间被重置：从重置时开始计数。</translation>
    </message>
</context>
<context>
    <name>opsdeck::RestoreDialog</name>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="52"/>
        <source>Restore %1</source>
        <translation>恢复 %1</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="58"/>
        <source>Backup &lt;b&gt;%1&lt;/b&gt; of &lt;b&gt;%2&lt;/b&gt;, taken %3 (%4 ago) by %5; %6; %7.</source>
        <translation>&lt;b&gt;%2&lt;/b&gt; 的备份 &lt;b&gt;%1&lt;/b&gt;，由 %5 创建于 %3（%4 前）；%6；%7。</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="71"/>
        <source>Restore into:</source>
        <translation>恢复到：</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="76"/>
        <source>Swap (recommended)</source>
        <translation>交换（推荐）</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="77"/>
        <source>In place</source>
        <translation>原地</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="78"/>
        <source>Into a new database beside the target</source>
        <translation>恢复到目标旁的新数据库</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="86"/>
        <source>How:</source>
        <translation>方式：</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="90"/>
        <source>everything; or schemas and schema.table names, separated by commas</source>
        <translation>全部；或以逗号分隔的模式名和 模式.表 名</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="92"/>
        <source>Only:</source>
        <translation>仅限：</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="112"/>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="112"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="112"/>
        <source>Application</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="112"/>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="112"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="131"/>
        <source>Silence in Alertmanager during the restore:</source>
        <translation>恢复期间在 Alertmanager 中静默：</translation>
    </message>
    <message>
        <source>Matchers in Alertmanager&apos;s syntax, e.g. datname=&quot;app&quot; or alertname=~&quot;Database.*&quot;</source>
        <translation type="vanished">Alertmanager 语法的匹配器，例如 datname=&quot;app&quot; 或 alertname=~&quot;Database.*&quot;</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="146"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="254"/>
        <source>Restored beside the target and checked, then the names are swapped: the target is unavailable for about a second.</source>
        <translation>先恢复到目标旁并检查，然后交换名称：目标约有一秒不可用。</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="256"/>
        <source>One transaction into the target, all or nothing: for when a second copy does not fit.</source>
        <translation>在一个事务中恢复到目标，要么全部成功要么不变：适用于放不下第二份副本时。</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="257"/>
        <source>The target is left alone: for reading, or copying a few rows back by hand.</source>
        <translation>目标保持不动：用于查看，或手动拷回几行数据。</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="259"/>
        <source>(A selection cannot be swapped in.)</source>
        <translation>（部分恢复不能用交换方式。）</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="262"/>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="283"/>
        <source>Checking: %1…</source>
        <translation>正在检查：%1…</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="286"/>
        <source>Checking the backup&apos;s checksums and the target…</source>
        <translation>正在检查备份的校验和与目标…</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="305"/>
        <location filename="../ui/backups/restore_dialog.cpp" line="318"/>
        <source>✗ %1</source>
        <translation>✗ %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/backups/restore_dialog.cpp" line="307"/>
        <source>✓ Every checksum matches; pg_restore %1 reads %n object(s).</source>
        <translation>
            <numerusform>✓ 所有校验和一致；pg_restore %1 读取到 %n 个对象。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="309"/>
        <source>Target %1: %2, owner %3, %4 session(s) connected.</source>
        <translation>目标 %1：%2，所有者 %3，%4 个会话已连接。</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="313"/>
        <source>Target %1 does not exist yet.</source>
        <translation>目标 %1 尚不存在。</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="314"/>
        <source>Disk: %1.</source>
        <translation>磁盘：%1。</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="316"/>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/backups/restore_dialog.cpp" line="335"/>
        <source>End these %n session(s) when the restore starts (their clients lose their connections)</source>
        <translation>
            <numerusform>恢复开始时结束这 %n 个会话（其客户端将断开连接）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="354"/>
        <source>the whole backup %1</source>
        <translation>整个备份 %1</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="355"/>
        <source>%1 from backup %2</source>
        <translation>备份 %2 中的 %1</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="363"/>
        <location filename="../ui/backups/restore_dialog.cpp" line="374"/>
        <source>Back up %1 as it is now (a safety backup), and verify it.</source>
        <translation>按当前状态备份 %1（安全备份），并验证它。</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="364"/>
        <source>Restore %1 into a new database &lt;b&gt;%2__restore_&amp;lt;time&amp;gt;&lt;/b&gt; and check its tables.</source>
        <translation>将 %1 恢复到新数据库 &lt;b&gt;%2__restore_&amp;lt;time&amp;gt;&lt;/b&gt;，并检查其表。</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/backups/restore_dialog.cpp" line="366"/>
        <location filename="../ui/backups/restore_dialog.cpp" line="376"/>
        <source>End the %n session(s) connected to %1.</source>
        <translation>
            <numerusform>结束连接到 %1 的 %n 个会话。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="367"/>
        <source>Swap the names in one transaction: the restored copy becomes &lt;b&gt;%1&lt;/b&gt;; the current %1 is kept as &lt;b&gt;%1__pre_&amp;lt;time&amp;gt;&lt;/b&gt; for %2 h.</source>
        <translation>在一个事务中交换名称：恢复的副本成为 &lt;b&gt;%1&lt;/b&gt;；当前的 %1 保留为 &lt;b&gt;%1__pre_&amp;lt;time&amp;gt;&lt;/b&gt;，保留 %2 小时。</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="369"/>
        <source>Rename the restored copy to &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation>将恢复的副本重命名为 &lt;b&gt;%1&lt;/b&gt;。</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="370"/>
        <source>If any step fails or you cancel before the swap, %1 is left exactly as it was and the new database is dropped.</source>
        <translation>若任何步骤失败或在交换前取消，%1 将保持原样，新数据库会被删除。</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="377"/>
        <source>Restore %1 into &lt;b&gt;%2&lt;/b&gt; itself, dropping and re-creating its objects, in one transaction.</source>
        <translation>在一个事务中将 %1 恢复到 &lt;b&gt;%2&lt;/b&gt; 本身，删除并重建其对象。</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="378"/>
        <source>If anything fails or you cancel, the transaction is rolled back and %1 is left exactly as it was.</source>
        <translation>若任何步骤失败或取消，事务将回滚，%1 保持原样。</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="382"/>
        <source>Create a new database &lt;b&gt;%1__restore_&amp;lt;time&amp;gt;&lt;/b&gt; beside %1 and restore %2 into it.</source>
        <translation>在 %1 旁创建新数据库 &lt;b&gt;%1__restore_&amp;lt;time&amp;gt;&lt;/b&gt;，并将 %2 恢复到其中。</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="383"/>
        <source>%1 itself is not touched. The new database stays for you to read or copy from; drop it when done.</source>
        <translation>%1 本身不会被改动。新数据库会保留供你查看或拷贝；用完后请删除。</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="386"/>
        <source>&lt;b&gt;What will happen:&lt;/b&gt;</source>
        <translation>&lt;b&gt;将会发生：&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="391"/>
        <source>Type &lt;b&gt;%1&lt;/b&gt; to confirm:</source>
        <translation>输入 &lt;b&gt;%1&lt;/b&gt; 以确认：</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="398"/>
        <source>The profile is read-only</source>
        <translation>此配置档为只读</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="400"/>
        <source>Waiting for the checks</source>
        <translation>等待检查完成</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="408"/>
        <source>Sessions are connected to the target: agree to end them, or wait for them to leave</source>
        <translation>有会话连接到目标：请同意结束它们，或等待它们断开</translation>
    </message>
    <message>
        <source>The alerts to silence: %1</source>
        <translation type="vanished">要静默的告警：%1</translation>
    </message>
    <message>
        <source>no matcher</source>
        <translation type="vanished">没有匹配器</translation>
    </message>
    <message>
        <location filename="../ui/backups/restore_dialog.cpp" line="412"/>
        <source>Type the target database&apos;s name to confirm</source>
        <translation>输入目标数据库的名称以确认</translation>
    </message>
</context>
<context>
    <name>opsdeck::RollbackDialog</name>
    <message>
        <location filename="../ui/deployments/rollback_dialog.cpp" line="20"/>
        <source>Roll back %1</source>
        <translation>回滚 %1</translation>
    </message>
    <message>
        <location filename="../ui/deployments/rollback_dialog.cpp" line="32"/>
        <source>Runs now:</source>
        <translation>当前运行：</translation>
    </message>
    <message>
        <location filename="../ui/deployments/rollback_dialog.cpp" line="38"/>
        <source>The image to run: one this service ran before, or any other reference the engine has</source>
        <translation>要运行的镜像：此服务以前运行过的镜像，或引擎中已有的任何其他镜像</translation>
    </message>
    <message>
        <location filename="../ui/deployments/rollback_dialog.cpp" line="39"/>
        <source>Roll back to:</source>
        <translation>回滚到：</translation>
    </message>
    <message>
        <location filename="../ui/deployments/rollback_dialog.cpp" line="42"/>
        <source>Why, for the audit log (e.g. p95 doubled after 1.4.3)</source>
        <translation>原因，写入审计日志（例如：1.4.3 之后 p95 翻倍）</translation>
    </message>
    <message>
        <location filename="../ui/deployments/rollback_dialog.cpp" line="43"/>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <location filename="../ui/deployments/rollback_dialog.cpp" line="53"/>
        <source>Silence in Alertmanager during the rollback:</source>
        <translation>回滚期间在 Alertmanager 中静默：</translation>
    </message>
    <message>
        <location filename="../ui/deployments/rollback_dialog.cpp" line="57"/>
        <source>Roll back</source>
        <translation>回滚</translation>
    </message>
    <message>
        <location filename="../ui/deployments/rollback_dialog.cpp" line="97"/>
        <source>No earlier image of %1 is known yet: type the image to run.</source>
        <translation>尚不知道 %1 之前的镜像：请输入要运行的镜像。</translation>
    </message>
    <message>
        <location filename="../ui/deployments/rollback_dialog.cpp" line="99"/>
        <source>Pick the image to run.</source>
        <translation>请选择要运行的镜像。</translation>
    </message>
    <message>
        <location filename="../ui/deployments/rollback_dialog.cpp" line="103"/>
        <source>%1 already runs %2.</source>
        <translation>%1 已在运行 %2。</translation>
    </message>
    <message>
        <location filename="../ui/deployments/rollback_dialog.cpp" line="111"/>
        <source>&lt;b&gt;What will change, one replica at a time:&lt;/b&gt;</source>
        <translation>&lt;b&gt;将要发生的变更（逐个副本进行）：&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>opsdeck::SessionModel</name>
    <message>
        <location filename="../models/session_model.cpp" line="38"/>
        <source>This role may not see the query: grant it pg_read_all_stats (or pg_monitor) to see every session&apos;s query.</source>
        <translation>此角色无权查看该查询：授予 pg_read_all_stats（或 pg_monitor）即可查看所有会话的查询。</translation>
    </message>
    <message>
        <location filename="../models/session_model.cpp" line="41"/>
        <source>(cut: the query is longer than OpsDeck reads)</source>
        <translation>（已截断：查询长度超过 OpsDeck 读取的上限）</translation>
    </message>
    <message>
        <location filename="../models/session_model.cpp" line="103"/>
        <source>(hidden from this role)</source>
        <translation>（此角色不可见）</translation>
    </message>
    <message>
        <location filename="../models/session_model.cpp" line="121"/>
        <source>Waits for %1 on %2, held by %3</source>
        <translation>等待 %2 上的 %1，持有者 %3</translation>
    </message>
    <message>
        <location filename="../models/session_model.cpp" line="128"/>
        <source>Running for longer than %1</source>
        <translation>运行已超过 %1</translation>
    </message>
    <message>
        <location filename="../models/session_model.cpp" line="132"/>
        <source>Idle in a transaction for longer than %1: it holds its locks and keeps old rows from being vacuumed</source>
        <translation>事务中空闲已超过 %1：它持有锁，并使旧行无法被 vacuum 清理</translation>
    </message>
    <message>
        <location filename="../models/session_model.cpp" line="173"/>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <location filename="../models/session_model.cpp" line="174"/>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location filename="../models/session_model.cpp" line="175"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../models/session_model.cpp" line="176"/>
        <source>Application</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../models/session_model.cpp" line="177"/>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <location filename="../models/session_model.cpp" line="178"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../models/session_model.cpp" line="179"/>
        <source>Waiting for</source>
        <translation>等待事件</translation>
    </message>
    <message>
        <location filename="../models/session_model.cpp" line="180"/>
        <source>Query age</source>
        <translation>查询时长</translation>
    </message>
    <message>
        <location filename="../models/session_model.cpp" line="181"/>
        <source>Xact age</source>
        <translation>事务时长</translation>
    </message>
    <message>
        <location filename="../models/session_model.cpp" line="182"/>
        <source>Query</source>
        <translation>查询</translation>
    </message>
</context>
<context>
    <name>opsdeck::SessionsTab</name>
    <message>
        <location filename="../ui/database/sessions_tab.cpp" line="30"/>
        <source>Filter: words, user:NAME, app:NAME, db:NAME</source>
        <translation>过滤：关键词、user:名称、app:名称、db:名称</translation>
    </message>
    <message>
        <location filename="../ui/database/sessions_tab.cpp" line="32"/>
        <source>Hide idle</source>
        <translation>隐藏空闲</translation>
    </message>
    <message>
        <location filename="../ui/database/sessions_tab.cpp" line="34"/>
        <source>Active only</source>
        <translation>仅活跃</translation>
    </message>
    <message>
        <location filename="../ui/database/sessions_tab.cpp" line="36"/>
        <source>Background</source>
        <translation>后台进程</translation>
    </message>
    <message>
        <source>Show the server&apos;s own processes too (checkpointer, autovacuum, WAL sender…)</source>
        <translation type="vanished">同时显示服务器自身的进程（checkpointer、autovacuum、WAL sender…）</translation>
    </message>
    <message>
        <location filename="../ui/database/sessions_tab.cpp" line="28"/>
        <source>Filter sessions</source>
        <translation>过滤会话</translation>
    </message>
    <message>
        <location filename="../ui/database/sessions_tab.cpp" line="38"/>
        <source>Show the server&apos;s own processes too (checkpointer, autovacuum, WAL sender…) and other OpsDeck consoles&apos; connections</source>
        <translation>同时显示服务器自身的进程（checkpointer、autovacuum、WAL sender…）以及其他 OpsDeck 控制台的连接</translation>
    </message>
    <message>
        <location filename="../ui/database/sessions_tab.cpp" line="49"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../ui/database/sessions_tab.cpp" line="54"/>
        <source>Long query threshold</source>
        <translation>长查询阈值</translation>
    </message>
    <message>
        <location filename="../ui/database/sessions_tab.cpp" line="55"/>
        <source>A query running longer than this is highlighted</source>
        <translation>运行超过此时长的查询会被高亮</translation>
    </message>
    <message>
        <location filename="../ui/database/sessions_tab.cpp" line="56"/>
        <source>Idle in transaction threshold</source>
        <translation>事务中空闲阈值</translation>
    </message>
    <message>
        <location filename="../ui/database/sessions_tab.cpp" line="57"/>
        <source>A transaction idle longer than this is highlighted: it holds locks and blocks vacuum</source>
        <translation>空闲超过此时长的事务会被高亮：它持有锁并阻碍 vacuum</translation>
    </message>
    <message>
        <location filename="../ui/database/sessions_tab.cpp" line="58"/>
        <source>Highlight queries running over</source>
        <translation>高亮运行超过</translation>
    </message>
    <message>
        <location filename="../ui/database/sessions_tab.cpp" line="60"/>
        <source>and transactions idle over</source>
        <translation>的查询，以及空闲超过</translation>
    </message>
    <message>
        <location filename="../ui/database/sessions_tab.cpp" line="66"/>
        <source>Sessions</source>
        <translation>会话</translation>
    </message>
</context>
<context>
    <name>opsdeck::SilenceModel</name>
    <message>
        <location filename="../models/silence_model.cpp" line="100"/>
        <source>active</source>
        <translation>生效</translation>
    </message>
    <message>
        <location filename="../models/silence_model.cpp" line="102"/>
        <source>pending</source>
        <translation>待定</translation>
    </message>
    <message>
        <location filename="../models/silence_model.cpp" line="103"/>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/silence_model.cpp" line="109"/>
        <source>in %n min</source>
        <translation>
            <numerusform>%n 分钟后</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/silence_model.cpp" line="110"/>
        <source>in %1 h</source>
        <translation>%1 小时后</translation>
    </message>
    <message>
        <location filename="../models/silence_model.cpp" line="116"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../models/silence_model.cpp" line="119"/>
        <source>%1 (until resolved)</source>
        <translation>%1（直到恢复）</translation>
    </message>
    <message>
        <location filename="../models/silence_model.cpp" line="125"/>
        <source>Ends within 30 minutes: extend it if the work is not done.</source>
        <translation>30 分钟内结束：如工作未完成请延长。</translation>
    </message>
    <message>
        <location filename="../models/silence_model.cpp" line="127"/>
        <source>Matches no current alert: expire it if it is no longer needed.</source>
        <translation>不匹配任何当前告警：如不再需要请使其失效。</translation>
    </message>
    <message>
        <location filename="../models/silence_model.cpp" line="164"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../models/silence_model.cpp" line="165"/>
        <source>Ends</source>
        <translation>结束</translation>
    </message>
    <message>
        <location filename="../models/silence_model.cpp" line="166"/>
        <source>Matchers</source>
        <translation>匹配器</translation>
    </message>
    <message>
        <location filename="../models/silence_model.cpp" line="167"/>
        <source>Matching alerts</source>
        <translation>匹配的告警</translation>
    </message>
    <message>
        <location filename="../models/silence_model.cpp" line="168"/>
        <source>Created by</source>
        <translation>创建者</translation>
    </message>
    <message>
        <location filename="../models/silence_model.cpp" line="169"/>
        <source>Comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../models/silence_model.cpp" line="170"/>
        <source>Alertmanager</source>
        <translation>Alertmanager</translation>
    </message>
</context>
<context>
    <name>opsdeck::SilenceOption</name>
    <message>
        <location filename="../ui/alerts/silence_option.cpp" line="20"/>
        <source>Matchers in Alertmanager&apos;s syntax, e.g. service=&quot;api&quot; or alertname=~&quot;Database.*&quot;</source>
        <translation>Alertmanager 语法的匹配器，例如 service=&quot;api&quot; 或 alertname=~&quot;Database.*&quot;</translation>
    </message>
    <message>
        <location filename="../ui/alerts/silence_option.cpp" line="49"/>
        <source>The alerts to silence: %1</source>
        <translation>要静默的告警：%1</translation>
    </message>
    <message>
        <location filename="../ui/alerts/silence_option.cpp" line="49"/>
        <source>no matcher</source>
        <translation>没有匹配器</translation>
    </message>
</context>
<context>
    <name>opsdeck::SilencesDialog</name>
    <message>
        <location filename="../ui/alerts/silences_dialog.cpp" line="32"/>
        <source>Silences — %1</source>
        <translation>静默 — %1</translation>
    </message>
    <message>
        <location filename="../ui/alerts/silences_dialog.cpp" line="52"/>
        <source>Bold amber: ends within 30 minutes. Grey with &quot;none&quot;: matches no current alert.</source>
        <translation>琥珀色粗体：30 分钟内结束。灰色“无”：不匹配任何当前告警。</translation>
    </message>
    <message>
        <location filename="../ui/alerts/silences_dialog.cpp" line="62"/>
        <source>Show expired</source>
        <translation>显示已过期</translation>
    </message>
    <message>
        <location filename="../ui/alerts/silences_dialog.cpp" line="67"/>
        <source>New silence…</source>
        <translation>新建静默……</translation>
    </message>
    <message>
        <location filename="../ui/alerts/silences_dialog.cpp" line="69"/>
        <source>Extend</source>
        <translation>延长</translation>
    </message>
    <message>
        <location filename="../ui/alerts/silences_dialog.cpp" line="72"/>
        <source>by 1 hour</source>
        <translation>延长 1 小时</translation>
    </message>
    <message>
        <location filename="../ui/alerts/silences_dialog.cpp" line="73"/>
        <source>by 4 hours</source>
        <translation>延长 4 小时</translation>
    </message>
    <message>
        <location filename="../ui/alerts/silences_dialog.cpp" line="74"/>
        <source>by 1 day</source>
        <translation>延长 1 天</translation>
    </message>
    <message>
        <location filename="../ui/alerts/silences_dialog.cpp" line="76"/>
        <source>Expire</source>
        <translation>失效</translation>
    </message>
    <message>
        <location filename="../ui/alerts/silences_dialog.cpp" line="78"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../ui/alerts/silences_dialog.cpp" line="82"/>
        <source>The profile &quot;%1&quot; is read-only.</source>
        <translation>配置“%1”为只读。</translation>
    </message>
    <message>
        <location filename="../ui/alerts/silences_dialog.cpp" line="117"/>
        <source>Extending…</source>
        <translation>正在延长……</translation>
    </message>
    <message>
        <location filename="../ui/alerts/silences_dialog.cpp" line="125"/>
        <source>Expire silence</source>
        <translation>使静默失效</translation>
    </message>
    <message>
        <location filename="../ui/alerts/silences_dialog.cpp" line="126"/>
        <source>Expire the silence %1 by %2?
The alerts it silences will notify again.</source>
        <translation>使 %2 创建的静默 %1 失效吗？
其静默的告警将再次通知。</translation>
    </message>
    <message>
        <location filename="../ui/alerts/silences_dialog.cpp" line="132"/>
        <source>Expiring…</source>
        <translation>正在失效……</translation>
    </message>
    <message>
        <location filename="../ui/alerts/silences_dialog.cpp" line="156"/>
        <source>Creating…</source>
        <translation>正在创建……</translation>
    </message>
    <message>
        <location filename="../ui/alerts/silences_dialog.cpp" line="164"/>
        <source>Done: silence %1.</source>
        <translation>完成：静默 %1。</translation>
    </message>
    <message>
        <location filename="../ui/alerts/silences_dialog.cpp" line="164"/>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
</context>
<context>
    <name>opsdeck::SourceForm</name>
    <message>
        <location filename="../ui/setup/source_form.cpp" line="36"/>
        <source>(libpq&apos;s default)</source>
        <translation>（libpq 默认值）</translation>
    </message>
    <message>
        <location filename="../ui/setup/source_form.cpp" line="47"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../ui/setup/source_form.cpp" line="48"/>
        <source>Browse for %1</source>
        <translation>浏览 %1</translation>
    </message>
</context>
<context>
    <name>opsdeck::StatTile</name>
    <message>
        <location filename="../widgets/stat_tile.cpp" line="127"/>
        <source>No data yet</source>
        <translation>暂无数据</translation>
    </message>
    <message>
        <location filename="../widgets/stat_tile.cpp" line="135"/>
        <location filename="../widgets/stat_tile.cpp" line="324"/>
        <location filename="../widgets/stat_tile.cpp" line="377"/>
        <location filename="../widgets/stat_tile.cpp" line="394"/>
        <source>N/A</source>
        <translation>无数据</translation>
    </message>
    <message>
        <location filename="../widgets/stat_tile.cpp" line="264"/>
        <source>stale</source>
        <translation>已过期</translation>
    </message>
</context>
<context>
    <name>opsdeck::StatementModel</name>
    <message>
        <location filename="../models/statement_model.cpp" line="53"/>
        <source>(text not read yet)</source>
        <translation>（文本尚未读取）</translation>
    </message>
    <message>
        <location filename="../models/statement_model.cpp" line="78"/>
        <source>Shared blocks found in PostgreSQL&apos;s buffer cache: %1 hit, %2 read</source>
        <translation>在 PostgreSQL 共享缓冲区中找到的块：命中 %1，读取 %2</translation>
    </message>
    <message>
        <location filename="../models/statement_model.cpp" line="93"/>
        <source>Query</source>
        <translation>查询</translation>
    </message>
    <message>
        <location filename="../models/statement_model.cpp" line="94"/>
        <source>Calls</source>
        <translation>调用次数</translation>
    </message>
    <message>
        <location filename="../models/statement_model.cpp" line="95"/>
        <source>Total time</source>
        <translation>总耗时</translation>
    </message>
    <message>
        <location filename="../models/statement_model.cpp" line="96"/>
        <source>Mean</source>
        <translation>平均</translation>
    </message>
    <message>
        <location filename="../models/statement_model.cpp" line="97"/>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <location filename="../models/statement_model.cpp" line="98"/>
        <source>Cache hit</source>
        <translation>缓存命中</translation>
    </message>
    <message>
        <location filename="../models/statement_model.cpp" line="99"/>
        <source>Blocks read</source>
        <translation>读取块数</translation>
    </message>
    <message>
        <location filename="../models/statement_model.cpp" line="100"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../models/statement_model.cpp" line="101"/>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
</context>
<context>
    <name>opsdeck::TableStatsModel</name>
    <message>
        <location filename="../models/table_stats_model.cpp" line="47"/>
        <source>%1 ago</source>
        <translation>%1 前</translation>
    </message>
    <message>
        <location filename="../models/table_stats_model.cpp" line="47"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../models/table_stats_model.cpp" line="86"/>
        <source>No statistics yet: ANALYZE the table for an estimate</source>
        <translation>尚无统计信息：对该表执行 ANALYZE 即可估算</translation>
    </message>
    <message>
        <location filename="../models/table_stats_model.cpp" line="87"/>
        <source>Estimated from the rows&apos; average widths (pg_stats): space the table could give back</source>
        <translation>根据行的平均宽度（pg_stats）估算：该表可回收的空间</translation>
    </message>
    <message>
        <location filename="../models/table_stats_model.cpp" line="89"/>
        <source>By hand: %1
Autovacuum: %2</source>
        <translation>手动：%1
自动 vacuum：%2</translation>
    </message>
    <message>
        <location filename="../models/table_stats_model.cpp" line="91"/>
        <source>By hand: %1
Autoanalyze: %2</source>
        <translation>手动：%1
自动 analyze：%2</translation>
    </message>
    <message>
        <location filename="../models/table_stats_model.cpp" line="94"/>
        <source>Read only by sequential scans: a missing index?</source>
        <translation>只被顺序扫描读取：是否缺少索引？</translation>
    </message>
    <message>
        <location filename="../models/table_stats_model.cpp" line="115"/>
        <source>Table</source>
        <translation>表</translation>
    </message>
    <message>
        <location filename="../models/table_stats_model.cpp" line="116"/>
        <source>Total</source>
        <translation>总计</translation>
    </message>
    <message>
        <location filename="../models/table_stats_model.cpp" line="117"/>
        <source>Heap</source>
        <translation>堆</translation>
    </message>
    <message>
        <location filename="../models/table_stats_model.cpp" line="118"/>
        <source>Indexes</source>
        <translation>索引</translation>
    </message>
    <message>
        <location filename="../models/table_stats_model.cpp" line="119"/>
        <source>TOAST</source>
        <translation>TOAST</translation>
    </message>
    <message>
        <location filename="../models/table_stats_model.cpp" line="120"/>
        <source>Live rows</source>
        <translation>存活行</translation>
    </message>
    <message>
        <location filename="../models/table_stats_model.cpp" line="121"/>
        <source>Dead rows</source>
        <translation>死行</translation>
    </message>
    <message>
        <location filename="../models/table_stats_model.cpp" line="122"/>
        <source>Bloat (est.)</source>
        <translation>膨胀（估）</translation>
    </message>
    <message>
        <location filename="../models/table_stats_model.cpp" line="123"/>
        <source>Seq scans</source>
        <translation>顺序扫描</translation>
    </message>
    <message>
        <location filename="../models/table_stats_model.cpp" line="124"/>
        <source>Index scans</source>
        <translation>索引扫描</translation>
    </message>
    <message>
        <location filename="../models/table_stats_model.cpp" line="125"/>
        <source>Vacuumed</source>
        <translation>上次 vacuum</translation>
    </message>
    <message>
        <location filename="../models/table_stats_model.cpp" line="126"/>
        <source>Analyzed</source>
        <translation>上次 analyze</translation>
    </message>
</context>
<context>
    <name>opsdeck::TimeRangeDialog</name>
    <message>
        <location filename="../ui/dashboards/time_range_dialog.cpp" line="15"/>
        <source>Custom time range</source>
        <translation>自定义时间范围</translation>
    </message>
    <message>
        <location filename="../ui/dashboards/time_range_dialog.cpp" line="30"/>
        <source>From:</source>
        <translation>从：</translation>
    </message>
    <message>
        <location filename="../ui/dashboards/time_range_dialog.cpp" line="31"/>
        <source>To:</source>
        <translation>到：</translation>
    </message>
</context>
<context>
    <name>opsdeck::TimeSeriesChart</name>
    <message>
        <location filename="../widgets/time_series_chart.cpp" line="410"/>
        <source>%1 (stale)</source>
        <translation>%1（已过期）</translation>
    </message>
    <message>
        <location filename="../widgets/time_series_chart.cpp" line="464"/>
        <source>No data yet</source>
        <translation>暂无数据</translation>
    </message>
</context>
<context>
    <name>opsdeck::VariableBar</name>
    <message>
        <location filename="../ui/dashboards/variable_bar.cpp" line="112"/>
        <source>No values: %1</source>
        <translation>无可选值：%1</translation>
    </message>
    <message>
        <location filename="../ui/dashboards/variable_bar.cpp" line="124"/>
        <location filename="../ui/dashboards/variable_bar.cpp" line="146"/>
        <source>loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location filename="../ui/dashboards/variable_bar.cpp" line="129"/>
        <location filename="../ui/dashboards/variable_bar.cpp" line="146"/>
        <source>(no values)</source>
        <translation>（无可选值）</translation>
    </message>
    <message>
        <location filename="../ui/dashboards/variable_bar.cpp" line="129"/>
        <location filename="../ui/dashboards/variable_bar.cpp" line="146"/>
        <source>(unavailable)</source>
        <translation>（不可用）</translation>
    </message>
    <message>
        <location filename="../ui/dashboards/variable_bar.cpp" line="135"/>
        <location filename="../ui/dashboards/variable_bar.cpp" line="149"/>
        <location filename="../ui/dashboards/variable_bar.cpp" line="151"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../ui/dashboards/variable_bar.cpp" line="149"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
</context>
<context>
    <name>opsdeck::VersionMatrixModel</name>
    <message>
        <location filename="../models/version_matrix_model.cpp" line="128"/>
        <source>rolling: %1</source>
        <translation>滚动更新中：%1</translation>
    </message>
    <message>
        <location filename="../models/version_matrix_model.cpp" line="163"/>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <location filename="../models/version_matrix_model.cpp" line="167"/>
        <source>%1 (not read)</source>
        <translation>%1（未读取）</translation>
    </message>
</context>
<context>
    <name>opsdeck::WallMode</name>
    <message>
        <location filename="../ui/wall_mode.cpp" line="58"/>
        <source>Stale data</source>
        <translation>过时数据</translation>
    </message>
    <message>
        <location filename="../ui/wall_mode.cpp" line="163"/>
        <source>showing the last known state, %1 old</source>
        <translation>显示 %1 前的最后已知状态</translation>
    </message>
    <message>
        <location filename="../ui/wall_mode.cpp" line="171"/>
        <source>%1: no answer for %2</source>
        <translation>%1：%2 无应答</translation>
    </message>
    <message>
        <location filename="../ui/wall_mode.cpp" line="172"/>
        <source>%1: no answer yet</source>
        <translation>%1：尚无应答</translation>
    </message>
    <message>
        <location filename="../ui/wall_mode.cpp" line="176"/>
        <source>alerts from %1: %2 old</source>
        <translation>来自 %1 的告警：%2 前</translation>
    </message>
    <message>
        <location filename="../ui/wall_mode.cpp" line="181"/>
        <source>database %1: %2 old</source>
        <translation>数据库 %1：%2 前</translation>
    </message>
    <message>
        <location filename="../ui/wall_mode.cpp" line="183"/>
        <source>Stale data — %1</source>
        <translation>过时数据 — %1</translation>
    </message>
</context>
</TS>
