import type { RebuiltArtifact } from '../../../../shared/rebuild';
import { UntrustedText } from '../../components/UntrustedText';
import { formatByteSize } from '../../format/byteSize';

/** The files a build produced, each with its size and full SHA-256. */
export function ArtifactsTable({
  artifacts,
  caption,
}: {
  artifacts: readonly RebuiltArtifact[];
  caption: string;
}) {
  return (
    <div className="artifacts">
      <table className="artifacts__table" data-testid="artifacts">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col" className="artifacts__size">
              Size
            </th>
            <th scope="col">SHA-256</th>
          </tr>
        </thead>
        <tbody>
          {artifacts.map((artifact) => (
            <tr key={artifact.name} data-testid="artifact" data-name={artifact.name}>
              <td className="artifacts__name">
                <UntrustedText text={artifact.name} />
              </td>
              <td className="artifacts__size" title={`${artifact.size} bytes`}>
                {formatByteSize(artifact.size)}
              </td>
              <td>
                <code className="sha artifacts__sha">{artifact.sha256}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
