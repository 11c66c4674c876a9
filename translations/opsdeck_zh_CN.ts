<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Dashboards</name>
    <message>
        <location filename="../core/dashboard_spec.cpp" line="31"/>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <location filename="../core/dashboard_spec.cpp" line="31"/>
        <source>p95 target 100 ms</source>
        <translation>p95 目标 100 毫秒</translation>
    </message>
    <message>
        <location filename="../core/dashboard_spec.cpp" line="42"/>
        <source>Requests by status</source>
        <translation>按状态的请求数</translation>
    </message>
    <message>
        <location filename="../core/dashboard_spec.cpp" line="48"/>
        <source>Error ratio (5xx)</source>
        <translation>错误率（5xx）</translation>
    </message>
    <message>
        <location filename="../core/dashboard_spec.cpp" line="48"/>
        <source>errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../core/dashboard_spec.cpp" line="49"/>
        <source>HighErrorRate 5 %</source>
        <translation>高错误率 5 %</translation>
    </message>
    <message>
        <location filename="../core/dashboard_spec.cpp" line="53"/>
        <source>Requests by endpoint</source>
        <translation>按端点的请求数</translation>
    </message>
    <message>
        <location filename="../core/dashboard_spec.cpp" line="58"/>
        <source>CPU (% of one core)</source>
        <translation>CPU（单核百分比）</translation>
    </message>
    <message>
        <location filename="../core/dashboard_spec.cpp" line="58"/>
        <source>cpu</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../core/dashboard_spec.cpp" line="61"/>
        <source>Resident memory</source>
        <translation>常驻内存</translation>
    </message>
    <message>
        <location filename="../core/dashboard_spec.cpp" line="61"/>
        <source>resident</source>
        <translation>常驻</translation>
    </message>
</context>
<context>
    <name>HealthStatus</name>
    <message>
        <location filename="../models/health_model.cpp" line="11"/>
        <source>healthy</source>
        <translation>健康</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="12"/>
        <source>degraded</source>
        <translation>降级</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="13"/>
        <source>down</source>
        <translation>宕机</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="14"/>
        <source>unreachable</source>
        <translation>无法访问</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="17"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../app/main.cpp" line="91"/>
        <location filename="../app/main.cpp" line="100"/>
        <source>OpsDeck cannot start</source>
        <translation>OpsDeck 无法启动</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="92"/>
        <source>The configuration could not be loaded:</source>
        <translation>无法加载配置：</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="93"/>
        <source>See docs/configuration.md for the format.</source>
        <translation>配置格式见 docs/configuration.md。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="101"/>
        <source>%1: no profile named &quot;%2&quot;.</source>
        <translation>%1：没有名为“%2”的配置档。</translation>
    </message>
</context>
<context>
    <name>opsdeck::DashboardPanel</name>
    <message>
        <location filename="../ui/dashboard_panel.cpp" line="73"/>
        <source>Custom…</source>
        <translation>自定义…</translation>
    </message>
    <message>
        <location filename="../ui/dashboard_panel.cpp" line="75"/>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <location filename="../ui/dashboard_panel.cpp" line="78"/>
        <source>Follow new data; off: the charts stay where they are</source>
        <translation>跟随新数据；关闭后图表保持不动</translation>
    </message>
    <message>
        <location filename="../ui/dashboard_panel.cpp" line="79"/>
        <source>Reset zoom</source>
        <translation>重置缩放</translation>
    </message>
    <message>
        <location filename="../ui/dashboard_panel.cpp" line="83"/>
        <source>Dashboard:</source>
        <translation>仪表盘：</translation>
    </message>
    <message>
        <location filename="../ui/dashboard_panel.cpp" line="86"/>
        <source>Range:</source>
        <translation>时间范围：</translation>
    </message>
    <message>
        <location filename="../ui/dashboard_panel.cpp" line="154"/>
        <source>5 minutes</source>
        <translation>5 分钟</translation>
    </message>
    <message>
        <location filename="../ui/dashboard_panel.cpp" line="154"/>
        <source>15 minutes</source>
        <translation>15 分钟</translation>
    </message>
    <message>
        <location filename="../ui/dashboard_panel.cpp" line="154"/>
        <source>1 hour</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <location filename="../ui/dashboard_panel.cpp" line="155"/>
        <source>6 hours</source>
        <translation>6 小时</translation>
    </message>
    <message>
        <location filename="../ui/dashboard_panel.cpp" line="155"/>
        <source>24 hours</source>
        <translation>24 小时</translation>
    </message>
    <message>
        <location filename="../ui/dashboard_panel.cpp" line="155"/>
        <source>7 days</source>
        <translation>7 天</translation>
    </message>
    <message>
        <location filename="../ui/dashboard_panel.cpp" line="181"/>
        <source>scrapes OK</source>
        <translation>抓取正常</translation>
    </message>
    <message>
        <location filename="../ui/dashboard_panel.cpp" line="181"/>
        <source>last scrape failed</source>
        <translation>上次抓取失败</translation>
    </message>
    <message>
        <location filename="../ui/dashboard_panel.cpp" line="308"/>
        <source>%1 at %2: %3</source>
        <translation>%1 于 %2：%3</translation>
    </message>
    <message>
        <location filename="../ui/dashboard_panel.cpp" line="309"/>
        <source>at %1: %2</source>
        <translation>于 %1：%2</translation>
    </message>
    <message>
        <location filename="../ui/dashboard_panel.cpp" line="311"/>
        <source>stale: last scrape failed %1</source>
        <translation>已过期：上次抓取失败 %1</translation>
    </message>
    <message>
        <location filename="../ui/dashboard_panel.cpp" line="365"/>
        <source>this profile has no Prometheus for the PromQL queries</source>
        <translation>此配置档没有可执行 PromQL 查询的 Prometheus</translation>
    </message>
    <message>
        <location filename="../ui/dashboard_panel.cpp" line="413"/>
        <source>Prometheus: %1: %2</source>
        <translation>Prometheus：%1：%2</translation>
    </message>
</context>
<context>
    <name>opsdeck::HealthModel</name>
    <message numerus="yes">
        <location filename="../models/health_model.cpp" line="201"/>
        <source>%n s ago</source>
        <translation>
            <numerusform>%n 秒前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../models/health_model.cpp" line="203"/>
        <source>%n min ago</source>
        <translation>
            <numerusform>%n 分钟前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../models/health_model.cpp" line="204"/>
        <source>%n h ago</source>
        <translation>
            <numerusform>%n 小时前</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="230"/>
        <source>%1 · TLS not verified</source>
        <translation>%1 · 未验证 TLS</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="232"/>
        <source>The profile turns TLS certificate verification off for this service (insecure_skip_verify): its answers could come from anyone on the path.</source>
        <translation>该配置档对此服务关闭了 TLS 证书验证（insecure_skip_verify）：其响应可能来自路径上的任何人。</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="238"/>
        <source>no answer</source>
        <translation>无响应</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="238"/>
        <source>checking…</source>
        <translation>检查中…</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="241"/>
        <source> · flapping</source>
        <translation> · 抖动</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="243"/>
        <source> · stale</source>
        <translation> · 已过期</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="249"/>
        <source>%1 since %2</source>
        <translation>自 %2 起为%1</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="252"/>
        <source>No answer for more than two polling intervals: this is the last known state.</source>
        <translation>超过两个轮询周期没有响应：这是最后已知的状态。</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="254"/>
        <source>Changed state %1 times in the last 10 minutes.</source>
        <translation>过去 10 分钟内状态变化了 %1 次。</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="274"/>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="287"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="347"/>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="348"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="349"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="350"/>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="351"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../models/health_model.cpp" line="352"/>
        <source>Last check</source>
        <translation>上次检查</translation>
    </message>
</context>
<context>
    <name>opsdeck::HealthNotifier</name>
    <message>
        <location filename="../ui/health_notifier.cpp" line="33"/>
        <source>%1 is %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../ui/health_notifier.cpp" line="34"/>
        <source>%1 recovered</source>
        <translation>%1 已恢复</translation>
    </message>
    <message>
        <location filename="../ui/health_notifier.cpp" line="35"/>
        <source>Now %1 (was %2).</source>
        <translation>现在为%1（之前为%2）。</translation>
    </message>
</context>
<context>
    <name>opsdeck::HealthPanel</name>
    <message>
        <location filename="../ui/health_panel.cpp" line="42"/>
        <source>Filter services, reasons, versions…</source>
        <translation>筛选服务、原因、版本…</translation>
    </message>
    <message>
        <location filename="../ui/health_panel.cpp" line="45"/>
        <source>Check now</source>
        <translation>立即检查</translation>
    </message>
    <message>
        <location filename="../ui/health_panel.cpp" line="46"/>
        <source>Check every service&apos;s health endpoints now</source>
        <translation>立即检查所有服务的健康端点</translation>
    </message>
    <message>
        <location filename="../ui/health_panel.cpp" line="142"/>
        <source>Select a service to see its state changes.</source>
        <translation>选择一个服务以查看其状态变化。</translation>
    </message>
    <message>
        <location filename="../ui/health_panel.cpp" line="143"/>
        <source>State changes of %1</source>
        <translation>%1 的状态变化</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/health_panel.cpp" line="165"/>
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
    <name>opsdeck::MainWindow</name>
    <message>
        <location filename="../ui/main_window.cpp" line="39"/>
        <location filename="../ui/main_window.cpp" line="216"/>
        <source>Health</source>
        <translation>健康状况</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="41"/>
        <source>Dashboards</source>
        <translation>仪表盘</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="76"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="77"/>
        <source>&amp;Import Grafana dashboard…</source>
        <translation>导入 Grafana 仪表盘(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="79"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="82"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="86"/>
        <source>&amp;Lock panels</source>
        <translation>锁定面板(&amp;L)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="89"/>
        <source>&amp;Reset layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="91"/>
        <source>&amp;Notifications</source>
        <translation>通知(&amp;N)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="92"/>
        <source>Notify when a service goes down or recovers</source>
        <translation>服务宕机或恢复时通知</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="101"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="102"/>
        <source>&amp;About OpsDeck</source>
        <translation>关于 OpsDeck(&amp;A)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="103"/>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="108"/>
        <source>Profile</source>
        <translation>配置档</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="111"/>
        <source>Profile: </source>
        <translation>配置档：</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="139"/>
        <source>Metrics: no targets</source>
        <translation>指标：无目标</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="153"/>
        <source>Metrics: %1/%2 targets up</source>
        <translation>指标：%1/%2 个目标正常</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="189"/>
        <source>read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="189"/>
        <source>read-write</source>
        <translation>读写</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="190"/>
        <source>%1 · %2 · operator %3</source>
        <translation>%1 · %2 · 操作员 %3</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="191"/>
        <source>OpsDeck — %1</source>
        <translation>OpsDeck — %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="214"/>
        <source>Health: waiting for answers</source>
        <translation>健康：等待响应</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="214"/>
        <source>Health: %1</source>
        <translation>健康：%1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="216"/>
        <source>Health — %1</source>
        <translation>健康状况 — %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="274"/>
        <location filename="../ui/main_window.cpp" line="280"/>
        <location filename="../ui/main_window.cpp" line="285"/>
        <location filename="../ui/main_window.cpp" line="294"/>
        <location filename="../ui/main_window.cpp" line="297"/>
        <source>Import Grafana dashboard</source>
        <translation>导入 Grafana 仪表盘</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="275"/>
        <source>Grafana dashboard (*.json)</source>
        <translation>Grafana 仪表盘 (*.json)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="280"/>
        <source>%1: cannot read: %2</source>
        <translation>%1：无法读取：%2</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="286"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="286"/>
        <source>no panel OpsDeck can draw</source>
        <translation>没有 OpsDeck 能绘制的面板</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="295"/>
        <source>The panels ask Prometheus, and this profile has none: add &quot;prometheus&quot; to it.</source>
        <translation>这些面板需要查询 Prometheus，而此配置档没有：请在其中添加 "prometheus"。</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window.cpp" line="298"/>
        <source>Imported %n panel(s). Not imported:</source>
        <translation><numerusform>已导入 %n 个面板。未导入：</numerusform></translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="304"/>
        <source>About OpsDeck</source>
        <translation>关于 OpsDeck</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="305"/>
        <source>&lt;h3&gt;OpsDeck %1&lt;/h3&gt;&lt;p&gt;A native operations console: health, metrics, alerts, databases, backups and deployments in one calm window.&lt;/p&gt;&lt;p&gt;Built with Qt %2. Configuration: &lt;tt&gt;%3&lt;/tt&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;OpsDeck %1&lt;/h3&gt;&lt;p&gt;原生运维控制台：健康、指标、告警、数据库、备份与部署，尽在一个安静的窗口中。&lt;/p&gt;&lt;p&gt;基于 Qt %2 构建。配置文件：&lt;tt&gt;%3&lt;/tt&gt;&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>opsdeck::TimeRangeDialog</name>
    <message>
        <location filename="../ui/time_range_dialog.cpp" line="15"/>
        <source>Custom time range</source>
        <translation>自定义时间范围</translation>
    </message>
    <message>
        <location filename="../ui/time_range_dialog.cpp" line="30"/>
        <source>From:</source>
        <translation>从：</translation>
    </message>
    <message>
        <location filename="../ui/time_range_dialog.cpp" line="31"/>
        <source>To:</source>
        <translation>到：</translation>
    </message>
</context>
<context>
    <name>opsdeck::TimeSeriesChart</name>
    <message>
        <location filename="../widgets/time_series_chart.cpp" line="308"/>
        <source>No data yet</source>
        <translation>暂无数据</translation>
    </message>
</context>
</TS>
