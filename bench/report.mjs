/** Renders bench/results.json as bench/RESULTS.md. Filled in per part. */
export function renderReport(results) {
  return `# Rebound benchmark results\n\n\`\`\`json\n${JSON.stringify(results, null, 2)}\n\`\`\`\n`;
}
