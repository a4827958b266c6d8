// ECharts with only what the console draws (loaded on demand by the dashboard and figures, never at first load).
import * as echarts from 'echarts/core';
import { LineChart, BarChart, TreemapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([LineChart, BarChart, TreemapChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export { echarts };
